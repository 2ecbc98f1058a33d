using MathNet.Numerics.Distributions;

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

    /// <summary>
    /// The exact two-sided binomial p-value of the exception count and its mid-p version, under H0
    /// X ~ Binomial(T, p): the outcomes at most as likely as the observed one (R's <c>binom.test</c>,
    /// scipy's <c>binomtest</c>), exact = Σ P(X = k) over P(X = k) ≤ P(X = x), mid-p = that less
    /// ½ P(X = x)·(outcomes as likely as x). The exact value never exceeds its nominal size (it is
    /// conservative with few expected exceptions); mid-p is closer to nominal on average. NaN without
    /// observations.
    /// </summary>
    /// <remarks>Ordering by likelihood rather than by LR_pof matters on short samples: at T = 250 and
    /// p = 1% the LR ranks zero exceptions (LR 5.03) beyond six (LR 3.56), so an LR-ordered exact test
    /// never rejects six and has size 1.4%; the likelihood ordering rejects six or more, size 4.1%.</remarks>
    public static (double Exact, double MidP) ExactPValues(int observations, int exceptions, double expectedRate)
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
            return (double.NaN, double.NaN);
        }

        // Relative tolerance for "as likely" (scipy's binomtest uses 1 + 1e-7).
        var observed = Binomial.PMF(expectedRate, observations, exceptions);
        var limit = observed * (1 + 1e-7);
        double atMost = 0, same = 0;
        for (var k = 0; k <= observations; k++)
        {
            var probability = Binomial.PMF(expectedRate, observations, k);
            if (probability <= limit)
            {
                atMost += probability;
                if (probability >= observed * (1 - 1e-7))
                {
                    same += probability;
                }
            }
        }

        return (Math.Min(1.0, atMost), Math.Min(1.0, atMost - 0.5 * same));
    }
}
