using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The FZ0 joint loss against Patton–Ziegel–Chen's return-convention formula, its consistency and homogeneity, and model comparison by it.</summary>
public sealed class JointLossTests
{
    // PZC (2019) eq. (6) as published, in returns: y, v = −VaR, e = −ES, τ = 1 − α.
    private static double Published(double y, double v, double e, double tau) =>
        -1.0 / (tau * e) * (y <= v ? 1 : 0) * (v - y) + v / e + Math.Log(-e) - 1;

    [Theory]
    [InlineData(-3.1, 2.33, 2.67, 0.99)]
    [InlineData(0.4, 2.33, 2.67, 0.99)]
    [InlineData(-1.7, 1.64, 2.06, 0.95)]
    [InlineData(-1.64, 1.64, 2.06, 0.95)]
    [InlineData(-12.0, 0.5, 0.8, 0.975)]
    public void Fz0_is_the_published_formula_in_the_loss_convention(double r, double var, double es, double alpha)
    {
        Assert.Equal(Published(r, -var, -es, 1 - alpha), JointLoss.Fz0(-r, var, es, alpha), 13);
    }

    [Fact]
    public void Expected_fz0_is_lowest_at_the_true_var_and_es_and_differences_are_scale_free()
    {
        const double alpha = 0.975;
        var rng = new Random(7);
        var losses = Enumerable.Range(0, 200_000).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        var (q, es) = (StandardNormal.Quantile(alpha), StandardNormal.ExpectedShortfall(alpha));
        double Mean(double v, double e) => losses.Average(l => JointLoss.Fz0(l, v, e, alpha));
        var truth = Mean(q, es);
        foreach (var (v, e) in new[] { (q * 0.9, es), (q * 1.1, es), (q, es * 0.9), (q, es * 1.1), (q * 0.9, es * 0.9) })
        {
            Assert.True(Mean(v, e) > truth, $"({v}, {e}): {Mean(v, e)} vs truth {truth}");
        }

        // Zero-degree homogeneity: scaling losses and forecasts by c adds log c to every loss.
        Assert.Equal(JointLoss.Fz0(3.0, 2.0, 2.5, alpha) + Math.Log(4), JointLoss.Fz0(12.0, 8.0, 10.0, alpha), 12);
        Assert.True(double.IsNaN(JointLoss.Fz0(1, 2, 0, alpha)) && double.IsNaN(JointLoss.Fz0(1, 2, double.NaN, alpha)));
    }

    [Fact]
    public void Comparison_by_fz0_ranks_the_true_forecast_first_and_dm_separates_a_too_low_es()
    {
        // Normal losses with volatility 1 + 0.5 sin(t/40): the truth, a forecast with the right VaR but ES 25% low, one without ES.
        const int days = 3000;
        const double alpha = 0.975;
        var (q, es) = (StandardNormal.Quantile(alpha), StandardNormal.ExpectedShortfall(alpha));
        var rng = new Random(11);
        var truth = new List<ForecastRecord>();
        var lowEs = new List<ForecastRecord>();
        var noEs = new List<ForecastRecord>();
        for (var t = 0; t < days; t++)
        {
            var sigma = 1 + 0.5 * Math.Sin(t / 40.0);
            var r = sigma * Normal.Sample(rng, 0, 1);
            truth.Add(ForecastRecords.Realised(t, r, sigma * q, sigma * es));
            lowEs.Add(ForecastRecords.Realised(t, r, sigma * q, Math.Max(sigma * q, 0.75 * sigma * es)));
            noEs.Add(ForecastRecords.Realised(t, r, sigma * q, t % 2 == 0 ? double.NaN : sigma * es));
        }

        var byFz0 = ModelComparison.Compare([("low-es", lowEs), ("truth", truth)], 0, alpha, loss: ComparisonLoss.Fz0);
        Assert.Equal(ComparisonLoss.Fz0, byFz0.Loss);
        Assert.Equal("truth", byFz0.Ranking[0].Model);
        Assert.Equal(truth.Average(f => JointLoss.Fz0(-f.Realized, f.VaR[0], f.ES[0], alpha)), byFz0.Ranking[0].AverageLoss, 12);
        var pair = byFz0.Pairs.Single();
        Assert.True(pair.MeanLossDifference > 0 && pair.DieboldMariano.Rejects(0.05), $"DM {pair.DieboldMariano}");

        // The tick loss cannot tell them apart (same VaR): d ≡ 0.
        var byTick = ModelComparison.Compare([("low-es", lowEs), ("truth", truth)], 0, alpha);
        Assert.Equal(ComparisonLoss.Quantile, byTick.Loss);
        Assert.Equal(0, byTick.Pairs.Single().MeanLossDifference);

        // Days without ES are not scored by FZ0: only the common scored days count.
        Assert.Equal(days / 2, ModelComparison.Compare([("no-es", noEs), ("truth", truth)], 0, alpha, loss: ComparisonLoss.Fz0).Days);
    }
}
