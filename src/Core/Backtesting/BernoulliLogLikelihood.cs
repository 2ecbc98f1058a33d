namespace RiskGrid.Core.Backtesting;

/// <summary>Bernoulli log-likelihoods with the convention 0·log 0 = 0.</summary>
internal static class BernoulliLogLikelihood
{
    /// <summary>
    /// s·ln π + f·ln(1 − π) for <paramref name="successes"/> s and <paramref name="failures"/> f.
    /// A term with a zero count contributes 0 whatever π is (0·log 0 = 0), so the MLE π = 0 or 1 of
    /// an all-failure or all-success sample has log-likelihood 0, not NaN.
    /// </summary>
    public static double Of(long successes, long failures, double probability)
    {
        var ll = 0.0;
        if (successes > 0)
        {
            ll += successes * Math.Log(probability);
        }

        if (failures > 0)
        {
            ll += failures * Math.Log(1 - probability);
        }

        return ll;
    }
}
