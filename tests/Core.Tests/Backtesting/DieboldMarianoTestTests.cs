using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class DieboldMarianoTestTests
{
    private static readonly double[] Differential = [1.0, -2.0, 3.0, 0.5, -1.0, 2.0, 0.25, 1.5];

    [Fact]
    public void Without_lags_it_is_the_plain_t_ratio()
    {
        // DM = d̄ / √(γ̂₀ / T), γ̂₀ = (1/T) Σ (d − d̄)²; two-sided p = 2 (1 − Φ(|DM|)).
        var n = Differential.Length;
        var mean = Differential.Average();
        var gamma0 = Differential.Sum(d => (d - mean) * (d - mean)) / n;
        var dm = mean / Math.Sqrt(gamma0 / n);

        var test = DieboldMarianoTest.Compute(Differential, lags: 0);
        Assert.Equal(dm, test.Statistic, 12);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(dm))), test.PValue, 12);
        Assert.Equal(0, test.DegreesOfFreedom);
    }

    [Fact]
    public void Newey_west_variance_with_two_lags()
    {
        // V̂ = γ̂₀ + 2 (1 − 1/3) γ̂₁ + 2 (1 − 2/3) γ̂₂, γ̂_k = (1/T) Σ_{t ≥ k} (d_t − d̄)(d_{t−k} − d̄).
        var d = Differential;
        var n = d.Length;
        var mean = d.Average();
        double Gamma(int k) => Enumerable.Range(k, n - k).Sum(t => (d[t] - mean) * (d[t - k] - mean)) / n;
        var variance = Gamma(0) + 2 * (2.0 / 3) * Gamma(1) + 2 * (1.0 / 3) * Gamma(2);

        Assert.Equal(mean / Math.Sqrt(variance / n), DieboldMarianoTest.Compute(d, lags: 2).Statistic, 12);
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(1000, 6)]
    [InlineData(5000, 9)]
    [InlineData(0, 0)]
    public void Default_lag_is_the_newey_west_rule_of_thumb(int observations, int lags) =>
        Assert.Equal(lags, DieboldMarianoTest.DefaultLags(observations));

    [Fact]
    public void Degenerate_differentials()
    {
        Assert.Equal(new HypothesisTest(0, 1, 0), DieboldMarianoTest.Compute(new double[10]));
        Assert.True(double.IsNaN(DieboldMarianoTest.Compute([1.0]).Statistic));
        Assert.True(double.IsNaN(DieboldMarianoTest.Compute([]).PValue));

        var constant = DieboldMarianoTest.Compute([-0.5, -0.5, -0.5, -0.5]);
        Assert.Equal(double.NegativeInfinity, constant.Statistic);
        Assert.Equal(0.0, constant.PValue);
    }

    [Fact]
    public void Equal_accuracy_is_rejected_at_about_the_nominal_rate_despite_autocorrelation()
    {
        // AR(1) loss differentials with mean zero (φ = 0.5): the plain variance would over-reject.
        const int runs = 400;
        int hac = 0, plain = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var d = Ar1(1000, 0.5, mean: 0, seed);
            hac += DieboldMarianoTest.Compute(d).Rejects(0.05) ? 1 : 0;
            plain += DieboldMarianoTest.Compute(d, lags: 0).Rejects(0.05) ? 1 : 0;
        }

        Assert.InRange(hac / (double)runs, 0.0, 0.10);
        Assert.InRange(plain / (double)runs, 0.15, 1.0);
    }

    [Fact]
    public void A_better_model_is_detected()
    {
        var rejections = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            var test = DieboldMarianoTest.Compute(Ar1(1000, 0.5, mean: -0.2, seed));
            rejections += test.Rejects(0.05) && test.Statistic < 0 ? 1 : 0;
        }

        Assert.InRange(rejections, 80, 100);
    }

    private static double[] Ar1(int n, double phi, double mean, int seed)
    {
        var rng = new Random(seed);
        var d = new double[n];
        var x = 0.0;
        for (var t = 0; t < n; t++)
        {
            x = phi * x + Normal.Sample(rng, 0, 1);
            d[t] = mean + x;
        }

        return d;
    }
}
