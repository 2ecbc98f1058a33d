using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Hall's skewness-corrected bootstrap-t of a mean: the transformation against its closed form, the moments by
/// hand, and the size of the one-sided test on skewed and symmetric nulls by simulation.</summary>
public sealed class SkewCorrectedBootstrapTests
{
    [Theory]
    [InlineData(1.5, 2.0, 10)]
    [InlineData(-0.7, 3.8, 6)]
    [InlineData(2.2, -1.1, 40)]
    public void Hall_transformation_is_a_shifted_cube_and_increasing(double t, double skewness, int n)
    {
        // H(t) = ((1 + ct)³ − 1)/(3c) + γ/(6√n) with c = γ/(3√n): the same polynomial written another way.
        var c = skewness / (3 * Math.Sqrt(n));
        var expected = (Math.Pow(1 + c * t, 3) - 1) / (3 * c) + skewness / (6 * Math.Sqrt(n));
        Assert.Equal(expected, SkewCorrectedBootstrap.Transform(t, skewness, n), 12);
        // dH/dt = (1 + ct)²
        const double h = 1e-5;
        var slope = (SkewCorrectedBootstrap.Transform(t + h, skewness, n) - SkewCorrectedBootstrap.Transform(t - h, skewness, n)) / (2 * h);
        Assert.Equal((1 + c * t) * (1 + c * t), slope, 6);
        Assert.Equal(t, SkewCorrectedBootstrap.Transform(t, 0, n));
    }

    [Fact]
    public void Moments_are_the_sample_mean_sd_and_skewness()
    {
        // 1, 2, 6: mean 3, deviations −2, −1, 3; Σd² = 14, Σd³ = 18; skewness (18/3)/(14/3)^{3/2}.
        var (mean, sd, skewness) = SkewCorrectedBootstrap.Moments([1.0, 2, 6]);
        Assert.Equal(3, mean, 14);
        Assert.Equal(Math.Sqrt(7), sd, 14);
        Assert.Equal(6 / Math.Pow(14.0 / 3, 1.5), skewness, 14);
        Assert.Equal(0, SkewCorrectedBootstrap.Moments([2.0, 2, 2]).Skewness);
    }

    [Fact]
    public void Undefined_with_fewer_than_five_values_or_no_spread()
    {
        Assert.True(double.IsNaN(SkewCorrectedBootstrap.PValue([1.0, 2.0], 0, 1, 99)));
        Assert.True(double.IsNaN(SkewCorrectedBootstrap.PValue([1.0, 2.0, 4.0], 0, 1, 99)));
        Assert.True(double.IsNaN(SkewCorrectedBootstrap.PValue([1.0, 2.0, 4.0, 3.0], 0, 1, 99)));
        Assert.True(double.IsNaN(SkewCorrectedBootstrap.PValue([1.0, 1.0, 1.0, 1.0, 1.0], 0, 1, 99)));
        Assert.InRange(SkewCorrectedBootstrap.PValue([1.0, 2.0, 4.0, 3.0, 2.5], 0, 1, 99), 0.01, 1);
    }

    [Fact]
    public void With_five_values_the_p_value_is_the_exact_bootstrap_law_s_up_to_resampling_error()
    {
        // The ideal bootstrap (B = ∞) of five values, by enumerating all 5⁵ equally likely resamples: the share with spread
        // whose transformed t* is at least the observed one. The seeded p-value with B = 20,000 is within 4 binomial sds of it.
        double[] x = [0.3, -0.45, 0.1, 0.35, -0.05];
        const int n = 5;
        var root = Math.Sqrt(n);
        var (mean, sd, skewness) = SkewCorrectedBootstrap.Moments(x);
        var observed = SkewCorrectedBootstrap.Transform(mean / (sd / root), skewness, n);
        int atLeast = 0, defined = 0;
        var draw = new double[n];
        for (var code = 0; code < 3125; code++)
        {
            for (int i = 0, c = code; i < n; i++, c /= n)
            {
                draw[i] = x[c % n];
            }

            var (m, s, g) = SkewCorrectedBootstrap.Moments(draw);
            if (s > 0)
            {
                defined++;
                atLeast += SkewCorrectedBootstrap.Transform((m - mean) / (s / root), g, n) >= observed ? 1 : 0;
            }
        }

        var exact = (double)atLeast / defined;
        Assert.InRange(exact, 0.05, 0.5);
        const int replications = 20_000;
        var band = 4 * Math.Sqrt(exact * (1 - exact) / replications);
        Assert.InRange(SkewCorrectedBootstrap.PValue(x, 0, 11, replications), exact - band, exact + band);
    }

    [Theory]
    [InlineData("pareto")]
    [InlineData("uniform")]
    public void With_five_values_the_one_sided_test_holds_its_size(string law)
    {
        // The minimum count: with three or four values the resampling law is too coarse for a 5% tail (9.9% and 7.2%
        // rejections on uniform values, bench/BacktestBench/skew-bootstrap-size.py); five hold it (4.1% uniform, 4.2% Pareto
        // there). 2,000 samples: binomial sd 0.5 point.
        const int samples = 2000;
        var rng = new Random(20261204);
        var rejected = 0;
        var x = new double[5];
        for (var i = 0; i < samples; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = law == "pareto" ? Pareto(rng) - 1.2 : rng.NextDouble() - 0.5;
            }

            rejected += SkewCorrectedBootstrap.PValue(x, 0, (ulong)(i + 1), 999) < 0.05 ? 1 : 0;
        }

        Assert.InRange((double)rejected / samples, 0.03, 0.07);
    }

    // Heavy right tail, as a t(6) loss's exceedances: generalised Pareto with ξ = 1/6 (mean 1/(1 − ξ) = 1.2).
    private static double Pareto(Random rng) => (Math.Pow(1 - rng.NextDouble(), -1.0 / 6) - 1) * 6;

    [Theory]
    [InlineData("pareto", 10)]
    [InlineData("pareto", 25)]
    [InlineData("uniform", 10)]
    [InlineData("uniform", 25)]
    public void Under_the_null_the_one_sided_test_has_about_its_size_where_the_plain_bootstrap_t_runs_conservative(string law, int n)
    {
        const int samples = 600;
        var rng = new Random(20261203 + n);
        int rejected = 0, plainRejected = 0;
        var x = new double[n];
        for (var i = 0; i < samples; i++)
        {
            for (var j = 0; j < n; j++)
            {
                x[j] = law == "pareto" ? Pareto(rng) - 1.2 : rng.NextDouble() - 0.5;
            }

            var seed = (ulong)(i + 1);
            rejected += SkewCorrectedBootstrap.PValue(x, 0, seed, 999) < 0.05 ? 1 : 0;
            plainRejected += SkewCorrectedBootstrap.PValue(x, 0, seed, 999, skewCorrected: false) < 0.05 ? 1 : 0;
        }

        // Nominal 5% of 600 is 30 (binomial sd 5.3).
        Assert.InRange(rejected, 18, 45);
        if (law == "pareto")
        {
            // The plain bootstrap-t, for comparison: too few rejections on this tail (what the transformation is for).
            Assert.True(plainRejected < rejected, $"plain {plainRejected} vs corrected {rejected} of {samples}");
        }
    }

    [Fact]
    public void It_rejects_a_mean_above_the_null()
    {
        var rng = new Random(7);
        var rejected = 0;
        for (var i = 0; i < 100; i++)
        {
            var x = Enumerable.Range(0, 25).Select(_ => Pareto(rng) - 1.2 + 0.8).ToArray();
            rejected += SkewCorrectedBootstrap.PValue(x, 0, (ulong)i, 999) < 0.05 ? 1 : 0;
        }

        Assert.True(rejected > 50, $"power {rejected} of 100");
    }
}
