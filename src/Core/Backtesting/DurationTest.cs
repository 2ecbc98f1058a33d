namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Christoffersen–Pelletier (2004) duration-based test of independence of VaR exceptions. Under a
/// correct model the days between exceptions are memoryless (flat hazard); clustered exceptions
/// give a decreasing hazard. The durations are fitted with a Weibull of shape b and
/// <c>LR = 2[max ln L(θ, b) − max ln L(θ, 1)] ~ χ²(1)</c> tests H0: b = 1 (no memory).
/// </summary>
/// <remarks>
/// <para><b>Durations and censoring</b> as in the paper (<see cref="Durations"/>): between
/// consecutive exceptions; if the sample starts without an exception, the days up to the first one
/// form a left-censored spell, and if it ends without one, the days after the last one a
/// right-censored spell. A censored spell enters the likelihood through the survival function
/// (it lasted at least that long), an uncensored one through the density / probability.</para>
/// <para><b>Discrete Weibull (<see cref="Compute"/>, used by the backtest summary).</b> The paper
/// fits the continuous Weibull f(d) = a^b b d^(b−1) e^(−(ad)^b) to durations that are whole days.
/// Under H0 those durations are geometric, which is not a continuous exponential: the continuous
/// fit converges to b ≈ 1.07 rather than 1 for 1 − α = 5%, so a correct 95% VaR model is rejected
/// at the 5% level in ~10% of 1,000-day samples, ~30% of 5,000-day and ~80% of 20,000-day ones. <see cref="Compute"/> therefore uses
/// the discrete Weibull P(D &gt; d) = exp(−θ d^b) (Haas 2005, "Improved duration-based backtesting
/// of value-at-risk", J. of Risk 8(2)), which for b = 1 is exactly the geometric law: same
/// hypothesis, same censoring, same χ²(1), correct size. θ is profiled by Newton's method and b
/// found by a grid on ln b refined by golden section.</para>
/// <para><b>Continuous Weibull (<see cref="ComputeContinuous"/>)</b>, the paper's original and what
/// rugarch's <c>VaRDurTest</c> computes, is kept for comparison with that software.</para>
/// <para><b>Degenerate cases.</b> The shape is searched in [<see cref="MinShape"/>,
/// <see cref="MaxShape"/>] (rugarch's bounds): when every uncensored duration equals the longest
/// spell (evenly spaced exceptions) the likelihood keeps rising as b → ∞ and the statistic is its
/// value at b = 10, a lower bound of the unbounded supremum. Fewer than two exceptions leave no
/// uncensored duration: undefined (NaN). Exceptions on every day: the discrete fits coincide,
/// LR = 0 (p = 1).</para>
/// <para><b>Small samples.</b> The p-value is the asymptotic χ²(1) one. With few exceptions it
/// over-rejects (simulated, independent hits, 5% test: ~24% with 250 days at 99%, i.e. about 2–3
/// exceptions; ~8% with 1,000 days at 99%; 5–6% from about 25 exceptions on).
/// Christoffersen–Pelletier use Monte Carlo p-values for that reason, and so does the catalogue's
/// <see cref="DurationBacktest"/> beside this one (<see cref="DufourMonteCarlo"/>: 5.0% at 250 days, 99%).</para>
/// </remarks>
public static class DurationTest
{
    /// <summary>Lower end of the Weibull shape search (rugarch's bound).</summary>
    public const double MinShape = 0.001;

    /// <summary>Upper end of the Weibull shape search (rugarch's bound).</summary>
    public const double MaxShape = 10.0;

    /// <summary>The LR test of b = 1 with the discrete Weibull on a hit sequence (true = exception).</summary>
    public static HypothesisTest Compute(ReadOnlySpan<bool> hits)
    {
        var profile = DiscreteWeibullProfile.Of(Durations(hits));
        if (profile is null)
        {
            return HypothesisTest.Undefined(1);
        }

        if (profile.IsDegenerate)
        {
            return new HypothesisTest(0, 1, 1);
        }

        // b = 1 lies in the searched range, so the maximum is at least the geometric fit; the
        // comparison also keeps the statistic off NaN should a likelihood evaluation fail.
        var exponential = profile.LogLikelihood(1.0);
        var atShape = profile.LogLikelihood(profile.MaximisingShape());
        var weibull = atShape > exponential ? atShape : exponential;
        return ChiSquaredTail.Test(2 * (weibull - exponential), 1);
    }

    /// <summary>The LR test of b = 1 with the paper's continuous Weibull (as rugarch's VaRDurTest).</summary>
    public static HypothesisTest ComputeContinuous(ReadOnlySpan<bool> hits)
    {
        var profile = ContinuousWeibullProfile.Of(Durations(hits));
        if (profile is null)
        {
            return HypothesisTest.Undefined(1);
        }

        var shape = profile.MaximisingShape();
        return ChiSquaredTail.Test(2 * (profile.LogLikelihood(shape) - profile.LogLikelihood(1.0)), 1);
    }

    /// <summary>
    /// The maximum-likelihood shape b̂ of the discrete Weibull (below 1: decreasing hazard, i.e.
    /// clustering); NaN with fewer than two exceptions or with an exception on every day.
    /// </summary>
    public static double EstimateShape(ReadOnlySpan<bool> hits) =>
        DiscreteWeibullProfile.Of(Durations(hits))?.MaximisingShape() ?? double.NaN;

    /// <summary>The maximum-likelihood shape of the continuous Weibull; NaN with fewer than two exceptions.</summary>
    public static double EstimateContinuousShape(ReadOnlySpan<bool> hits) =>
        ContinuousWeibullProfile.Of(Durations(hits))?.MaximisingShape() ?? double.NaN;

    /// <summary>The durations of a hit sequence in order, with the censored first and last spells.</summary>
    public static IReadOnlyList<HitDuration> Durations(ReadOnlySpan<bool> hits)
    {
        var durations = new List<HitDuration>();
        var last = -1;
        for (var t = 0; t < hits.Length; t++)
        {
            if (!hits[t])
            {
                continue;
            }

            if (last >= 0)
            {
                durations.Add(new HitDuration(t - last, DurationCensoring.None));
            }
            else if (t > 0)
            {
                // Days 1..t+1 (1-based), up to and including the first exception.
                durations.Add(new HitDuration(t + 1, DurationCensoring.Left));
            }

            last = t;
        }

        if (last >= 0 && last < hits.Length - 1)
        {
            durations.Add(new HitDuration(hits.Length - 1 - last, DurationCensoring.Right));
        }

        return durations;
    }
}
