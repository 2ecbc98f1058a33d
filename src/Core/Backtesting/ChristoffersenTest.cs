namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Christoffersen (1998) tests of a VaR hit sequence against a first-order Markov alternative.
/// With transition counts n_ij (<see cref="TransitionCounts"/>), π01 = n01 / (n00 + n01),
/// π11 = n11 / (n10 + n11) and π = (n01 + n11) / (n00 + n01 + n10 + n11):
/// <list type="bullet">
/// <item>independence: <c>LR_ind = −2 ln[(1 − π)^(n00+n10) π^(n01+n11) /
/// ((1 − π01)^n00 π01^n01 (1 − π11)^n10 π11^n11)] ~ χ²(1)</c>;</item>
/// <item>conditional coverage: <c>LR_cc = LR_pof + LR_ind ~ χ²(2)</c>, with LR_pof the
/// <see cref="KupiecTest"/> over all T days.</item>
/// </list>
/// </summary>
/// <remarks>
/// LR_cc is the sum form of Christoffersen (1998), as used by most software (rugarch, MATLAB,
/// Jorion): the Kupiec part uses all T days rather than the T − 1 transitions, which differs from
/// the exact joint likelihood ratio only by the first observation. Degenerate sequences follow
/// 0·log 0 = 0: with no exceptions, all exceptions, or no transitions out of a state, the Markov
/// and the i.i.d. likelihoods coincide and LR_ind = 0 (p = 1). Fewer than two days (no transition)
/// leave the independence and conditional coverage tests undefined (NaN).
/// </remarks>
public static class ChristoffersenTest
{
    /// <summary>Markov independence test of a hit sequence (true = exception).</summary>
    public static HypothesisTest Independence(ReadOnlySpan<bool> hits) => Independence(TransitionCounts.Of(hits));

    /// <summary>Markov independence test from transition counts.</summary>
    public static HypothesisTest Independence(TransitionCounts counts)
    {
        if (counts.N00 < 0 || counts.N01 < 0 || counts.N10 < 0 || counts.N11 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(counts), counts, "transition counts must be non-negative");
        }

        if (counts.Total == 0)
        {
            return HypothesisTest.Undefined(1);
        }

        // A state never left has no estimable transition probability; its terms have zero counts and
        // vanish under 0·log 0 = 0, so any value (here 0) serves.
        var fromZero = counts.N00 + counts.N01;
        var fromOne = counts.N10 + counts.N11;
        var pi01 = fromZero > 0 ? (double)counts.N01 / fromZero : 0.0;
        var pi11 = fromOne > 0 ? (double)counts.N11 / fromOne : 0.0;
        var pi = (double)(counts.N01 + counts.N11) / counts.Total;

        var markov = BernoulliLogLikelihood.Of(counts.N01, counts.N00, pi01)
                     + BernoulliLogLikelihood.Of(counts.N11, counts.N10, pi11);
        var iid = BernoulliLogLikelihood.Of(counts.N01 + counts.N11, counts.N00 + counts.N10, pi);
        return ChiSquaredTail.Test(2 * (markov - iid), 1);
    }

    /// <summary>Conditional coverage test LR_pof + LR_ind of a hit sequence.</summary>
    /// <param name="expectedRate">p = 1 − α.</param>
    public static HypothesisTest ConditionalCoverage(ReadOnlySpan<bool> hits, double expectedRate) =>
        ConditionalCoverage(KupiecTest.Compute(hits, expectedRate), Independence(hits));

    /// <summary>Conditional coverage from already computed Kupiec and independence tests.</summary>
    public static HypothesisTest ConditionalCoverage(HypothesisTest kupiec, HypothesisTest independence)
    {
        if (double.IsNaN(kupiec.Statistic) || double.IsNaN(independence.Statistic))
        {
            return HypothesisTest.Undefined(2);
        }

        return ChiSquaredTail.Test(kupiec.Statistic + independence.Statistic, 2);
    }
}
