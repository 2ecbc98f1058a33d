using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class DurationTestTests
{
    [Fact]
    public void Durations_include_censored_first_and_last_spells()
    {
        // Exceptions on days 3, 7, 8 of 10: days 1–3 up to the first (left-censored), 4 and 1
        // between exceptions, 2 days after the last (right-censored).
        Assert.Equal(
            [
                new HitDuration(3, DurationCensoring.Left), new HitDuration(4, DurationCensoring.None),
                new HitDuration(1, DurationCensoring.None), new HitDuration(2, DurationCensoring.Right),
            ],
            DurationTest.Durations(HitSequences.Parse("0010001100")));

        // Starting and ending with an exception: nothing is censored.
        Assert.Equal([new HitDuration(3, DurationCensoring.None)], DurationTest.Durations(HitSequences.Parse("1001")));
    }

    // ---- Reference likelihoods, written out term by term -------------------------------------

    /// <summary>Continuous Weibull (the paper): uncensored ln f(d) = b ln a + ln b + (b−1) ln d − (ad)^b, censored ln S(d) = −(ad)^b.</summary>
    private static double ContinuousLogLikelihood(IReadOnlyList<HitDuration> durations, double a, double b) =>
        durations.Sum(d => d.Censored
            ? -Math.Pow(a * d.Days, b)
            : b * Math.Log(a) + Math.Log(b) + (b - 1) * Math.Log(d.Days) - Math.Pow(a * d.Days, b));

    /// <summary>
    /// Discrete Weibull P(D &gt; k) = exp(−θ k^b): uncensored P(D = d) = exp(−θ(d−1)^b) − exp(−θ d^b);
    /// left-censored first spell of d days ending in the first exception: P(D &gt; d − 1);
    /// right-censored d quiet days after the last exception: P(D &gt; d).
    /// </summary>
    private static double DiscreteLogLikelihood(IReadOnlyList<HitDuration> durations, double theta, double b) =>
        durations.Sum(d => d.Censoring switch
        {
            DurationCensoring.Left => -theta * Math.Pow(d.Days - 1, b),
            DurationCensoring.Right => -theta * Math.Pow(d.Days, b),
            _ => Math.Log(Math.Exp(-theta * Math.Pow(d.Days - 1, b)) - Math.Exp(-theta * Math.Pow(d.Days, b))),
        });

    // Slow reference: golden section over ln(scale) at a fixed shape (unimodal in the scale).
    private static double MaxOverScale(Func<double, double> logLikelihood)
    {
        double lo = -40, hi = 8;
        const double ratio = 0.6180339887498949;
        for (var i = 0; i < 90; i++)
        {
            var x1 = hi - ratio * (hi - lo);
            var x2 = lo + ratio * (hi - lo);
            if (logLikelihood(Math.Exp(x1)) < logLikelihood(Math.Exp(x2)))
            {
                lo = x1;
            }
            else
            {
                hi = x2;
            }
        }

        return logLikelihood(Math.Exp(0.5 * (lo + hi)));
    }

    // Slow reference: grid over the shape, scale maximised numerically at each shape.
    private static (double LogLikelihood, double Shape) GridMaximum(Func<double, double, double> logLikelihood)
    {
        var best = (LogLikelihood: double.NegativeInfinity, Shape: double.NaN);
        for (var b = 0.05; b <= 4.0; b += 0.0025)
        {
            var shape = b;
            var ll = MaxOverScale(scale => logLikelihood(scale, shape));
            if (ll > best.LogLikelihood)
            {
                best = (ll, b);
            }
        }

        return best;
    }

    public static TheoryData<string> Samples => new()
    {
        "0001000010100000000010000000000100110000000000100000",
        "1000000011000000000000001000100000000000000000000000001",
        "0000000000100000000000000000000000000000000000000000001000011",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Discrete_statistic_matches_a_brute_force_maximisation_of_the_full_likelihood(string pattern)
    {
        var hits = HitSequences.Parse(pattern);
        var durations = DurationTest.Durations(hits);
        var (best, bestShape) = GridMaximum((theta, b) => DiscreteLogLikelihood(durations, theta, b));

        // b = 1 is the geometric law: ln L = n ln(1 − q) + K ln q with K the quiet days, maximised
        // at 1 − q = n / (n + K).
        var n = durations.Count(d => !d.Censored);
        var quiet = durations.Sum(d => d.Censoring == DurationCensoring.Right ? d.Days : d.Days - 1);
        var geometric = n * Math.Log((double)n / (n + quiet)) + quiet * Math.Log((double)quiet / (n + quiet));
        Assert.Equal(geometric, MaxOverScale(theta => DiscreteLogLikelihood(durations, theta, 1)), 8);

        var test = DurationTest.Compute(hits);
        Assert.Equal(2 * (best - geometric), test.Statistic, 3);
        Assert.Equal(ClosedForms.ChiSquared1Tail(test.Statistic), test.PValue, 6);
        Assert.Equal(bestShape, DurationTest.EstimateShape(hits), tolerance: 0.003);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Continuous_statistic_matches_a_brute_force_maximisation_of_the_papers_likelihood(string pattern)
    {
        var hits = HitSequences.Parse(pattern);
        var durations = DurationTest.Durations(hits);
        var (best, bestShape) = GridMaximum((a, b) => ContinuousLogLikelihood(durations, a, b));

        // b = 1: ln L = n ln a − a Σ d, maximised at a = n / Σ d.
        var n = durations.Count(d => !d.Censored);
        var totalDays = durations.Sum(d => (double)d.Days);
        var exponential = n * Math.Log(n / totalDays) - n;

        var test = DurationTest.ComputeContinuous(hits);
        Assert.Equal(2 * (best - exponential), test.Statistic, 3);
        Assert.Equal(ClosedForms.ChiSquared1Tail(test.Statistic), test.PValue, 6);
        Assert.Equal(bestShape, DurationTest.EstimateContinuousShape(hits), tolerance: 0.003);
    }

    [Fact]
    public void Independent_exceptions_are_rejected_at_about_the_nominal_rate()
    {
        // 5,000 days at 95%: ~250 geometric durations, where the asymptotics hold.
        const int runs = 200;
        int discrete = 0, continuous = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var hits = HitSequences.Bernoulli(5000, 0.05, seed);
            discrete += DurationTest.Compute(hits).Rejects(0.05) ? 1 : 0;
            continuous += DurationTest.ComputeContinuous(hits).Rejects(0.05) ? 1 : 0;
        }

        Assert.InRange(discrete / (double)runs, 0.0, 0.09);

        // Why the summary uses the discrete Weibull: the paper's continuous fit to whole-day
        // durations drifts away from b = 1 and rejects a correct model far too often here.
        Assert.InRange(continuous / (double)runs, 0.18, 1.0);
    }

    [Fact]
    public void Geometric_durations_of_a_99_percent_model_are_rarely_rejected()
    {
        const int runs = 200;
        var rejections = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            rejections += DurationTest.Compute(HitSequences.Bernoulli(2500, 0.01, 300 + seed)).Rejects(0.05) ? 1 : 0;
        }

        Assert.InRange(rejections / (double)runs, 0.0, 0.10);
    }

    [Fact]
    public void Clustered_exceptions_are_usually_rejected_with_a_decreasing_hazard()
    {
        const int runs = 200;
        int rejections = 0, shapesBelowOne = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            // Unconditional rate ≈ 5%, but an exception is followed by another with probability 0.4.
            var hits = HitSequences.Markov(1000, 0.03, 0.40, 5000 + seed);
            rejections += DurationTest.Compute(hits).Rejects(0.05) ? 1 : 0;
            shapesBelowOne += DurationTest.EstimateShape(hits) < 1 ? 1 : 0;
        }

        Assert.InRange(rejections / (double)runs, 0.90, 1.0);
        Assert.Equal(runs, shapesBelowOne);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000000")]
    [InlineData("0000100000")]
    [InlineData("1")]
    public void Fewer_than_two_exceptions_are_undefined(string pattern)
    {
        var hits = HitSequences.Parse(pattern);
        foreach (var test in new[] { DurationTest.Compute(hits), DurationTest.ComputeContinuous(hits) })
        {
            Assert.True(double.IsNaN(test.Statistic) && double.IsNaN(test.PValue));
            Assert.Equal(1, test.DegreesOfFreedom);
        }

        Assert.True(double.IsNaN(DurationTest.EstimateShape(hits)));
    }

    [Fact]
    public void Two_exceptions_are_enough()
    {
        var test = DurationTest.Compute(HitSequences.Parse("0001000000010000"));
        Assert.True(test.Statistic >= 0 && test.PValue is >= 0 and <= 1);
    }

    [Fact]
    public void Exceptions_on_every_day_show_no_memory()
    {
        // All durations one day: the geometric law with rate 1 fits exactly, as does any Weibull.
        var hits = HitSequences.Parse("11111111");
        Assert.Equal(new HypothesisTest(0, 1, 1), DurationTest.Compute(hits));
        Assert.True(double.IsNaN(DurationTest.EstimateShape(hits)));
    }

    [Fact]
    public void Evenly_spaced_exceptions_stop_at_the_shape_bound()
    {
        // Three uncensored durations of 4 days. At shape b the likelihood (e^(−θA) − e^(−θB))³,
        // A = 3^b, B = 4^b, peaks at θ* = ln(B/A) / (B − A) and rises towards 1 as b grows, so b
        // stops at 10. Geometric fit: n = 3 exceptions-ending spells, K = 9 quiet days.
        var hits = HitSequences.Parse("1000100010001");
        double a = Math.Pow(3, DurationTest.MaxShape), b = Math.Pow(4, DurationTest.MaxShape);
        var theta = Math.Log(b / a) / (b - a);
        var weibull = 3 * Math.Log(Math.Exp(-theta * a) - Math.Exp(-theta * b));
        var geometric = 3 * Math.Log(3.0 / 12) + 9 * Math.Log(9.0 / 12);

        Assert.Equal(DurationTest.MaxShape, DurationTest.EstimateShape(hits), 6);
        Assert.Equal(2 * (weibull - geometric), DurationTest.Compute(hits).Statistic, 6);

        // The paper's continuous profile: ℓ(b) = n ln b − n ln d − n, so LR = 2 n ln 10.
        Assert.Equal(DurationTest.MaxShape, DurationTest.EstimateContinuousShape(hits));
        Assert.Equal(2 * 3 * Math.Log(DurationTest.MaxShape), DurationTest.ComputeContinuous(hits).Statistic, 9);
    }
}
