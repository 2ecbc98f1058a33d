using MathNet.Numerics;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Diebold–Mariano (1995) test of equal predictive accuracy from a loss differential
/// d_t = loss_A,t − loss_B,t: <c>DM = d̄ / √(V̂ / T)</c>, asymptotically N(0, 1) under H0: E[d] = 0,
/// where V̂ is the Newey–West (1987) HAC long-run variance with Bartlett weights,
/// <c>V̂ = γ̂_0 + 2 Σ_{k=1..h} (1 − k/(h+1)) γ̂_k</c>, <c>γ̂_k = (1/T) Σ_{t&gt;k} (d_t − d̄)(d_{t−k} − d̄)</c>.
/// </summary>
/// <remarks>
/// The result is a <see cref="HypothesisTest"/> with <c>DegreesOfFreedom = 0</c>, meaning "compared
/// with the standard normal"; the p-value is two-sided. A negative statistic means model A has
/// the lower loss. HAC rather than the plain variance because quantile-loss differentials of
/// misspecified VaR models are serially correlated (volatility clustering). Undefined (NaN) with
/// fewer than two days; identical losses (d ≡ 0) give DM = 0, p = 1; a constant non-zero
/// differential has zero variance and gives DM = ±∞, p = 0.
/// </remarks>
public static class DieboldMarianoTest
{
    /// <summary>Newey–West (1994) rule-of-thumb truncation lag ⌊4 (T/100)^(2/9)⌋.</summary>
    public static int DefaultLags(int observations) =>
        observations <= 0 ? 0 : (int)Math.Floor(4 * Math.Pow(observations / 100.0, 2.0 / 9.0));

    /// <summary>The test on a loss differential; <paramref name="lags"/> defaults to <see cref="DefaultLags"/>.</summary>
    public static HypothesisTest Compute(ReadOnlySpan<double> lossDifferential, int? lags = null)
    {
        var n = lossDifferential.Length;
        if (n < 2)
        {
            return HypothesisTest.Undefined(0);
        }

        var h = Math.Min(lags ?? DefaultLags(n), n - 1);
        ArgumentOutOfRangeException.ThrowIfNegative(h, nameof(lags));

        var mean = 0.0;
        var allZero = true;
        foreach (var d in lossDifferential)
        {
            mean += d;
            allZero &= d == 0;
        }

        if (allZero)
        {
            return new HypothesisTest(0, 1, 0);
        }

        mean /= n;
        var variance = LongRunVariance(lossDifferential, mean, h);
        var statistic = mean / Math.Sqrt(variance / n);
        if (double.IsNaN(statistic))
        {
            return HypothesisTest.Undefined(0);
        }

        // Two-sided normal tail, erfc form for accuracy in the far tail.
        var pValue = SpecialFunctions.Erfc(Math.Abs(statistic) / Math.Sqrt(2));
        return new HypothesisTest(statistic, pValue, 0);
    }

    /// <summary>Newey–West HAC variance V̂ with Bartlett weights (non-negative by construction).</summary>
    internal static double LongRunVariance(ReadOnlySpan<double> d, double mean, int lags)
    {
        var variance = SampleAutocovariance.At(d, mean, 0);
        for (var k = 1; k <= lags; k++)
        {
            variance += 2 * (1 - k / (lags + 1.0)) * SampleAutocovariance.At(d, mean, k);
        }

        return Math.Max(0.0, variance);
    }
}
