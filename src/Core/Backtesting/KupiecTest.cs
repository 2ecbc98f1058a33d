namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Kupiec (1995) proportion-of-failures test of unconditional coverage: are exceptions as frequent
/// as the VaR level says? With T observations, x exceptions, expected rate p = 1 − α and observed
/// rate π̂ = x / T,
/// <c>LR_pof = −2 ln[(1 − p)^(T−x) p^x / ((1 − π̂)^(T−x) π̂^x)] ~ χ²(1)</c> under H0: π = p.
/// </summary>
/// <remarks>
/// Zero or T exceptions are defined (0·log 0 = 0: the unrestricted likelihood is then 1). No
/// observations leave the test undefined (NaN). Invalid arguments (a rate outside (0, 1), counts
/// out of range) throw; data never do.
/// </remarks>
public static class KupiecTest
{
    /// <summary>The test on a hit sequence (true = exception).</summary>
    /// <param name="expectedRate">p = 1 − α, the exception probability under a correct VaR.</param>
    public static HypothesisTest Compute(ReadOnlySpan<bool> hits, double expectedRate)
    {
        var exceptions = 0;
        foreach (var hit in hits)
        {
            if (hit)
            {
                exceptions++;
            }
        }

        return FromCounts(hits.Length, exceptions, expectedRate);
    }

    /// <summary>The test from counts: <paramref name="exceptions"/> out of <paramref name="observations"/>.</summary>
    public static HypothesisTest FromCounts(int observations, int exceptions, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        ArgumentOutOfRangeException.ThrowIfNegative(observations);
        if (exceptions < 0 || exceptions > observations)
        {
            throw new ArgumentOutOfRangeException(nameof(exceptions), exceptions,
                $"exceptions must be between 0 and the {observations} observations");
        }

        if (observations == 0)
        {
            return HypothesisTest.Undefined(1);
        }

        var misses = observations - exceptions;
        var observedRate = (double)exceptions / observations;
        var lr = 2 * (BernoulliLogLikelihood.Of(exceptions, misses, observedRate)
                      - BernoulliLogLikelihood.Of(exceptions, misses, expectedRate));
        return ChiSquaredTail.Test(lr, 1);
    }
}
