using MathNet.Numerics;

namespace RiskGrid.Core.Backtesting;

/// <summary>Upper-tail probabilities of the χ² distribution for likelihood-ratio tests.</summary>
internal static class ChiSquaredTail
{
    /// <summary>
    /// P(χ²_k ≥ x) = Q(k/2, x/2), the regularised upper incomplete gamma function. Computed directly
    /// rather than as 1 − CDF so that tiny p-values keep their digits.
    /// </summary>
    public static double Probability(double x, int degreesOfFreedom) =>
        x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(0.5 * degreesOfFreedom, 0.5 * x);

    /// <summary>
    /// An LR test result from a statistic that is non-negative in exact arithmetic; rounding in the
    /// difference of two log-likelihoods can leave it a few ulps below zero, so it is clamped at 0.
    /// </summary>
    public static HypothesisTest Test(double statistic, int degreesOfFreedom)
    {
        var lr = Math.Max(0.0, statistic);
        return new HypothesisTest(lr, Probability(lr, degreesOfFreedom), degreesOfFreedom);
    }
}
