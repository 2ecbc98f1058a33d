using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class QuantileLossTests
{
    [Theory]
    [InlineData(3.0, 2.0, 0.99, 0.99)] // exception: α (L − VaR) = 0.99 · 1
    [InlineData(1.0, 2.0, 0.99, 0.01)] // (1 − α)(VaR − L) = 0.01 · 1
    [InlineData(-1.0, 2.0, 0.99, 0.03)] // a gain: 0.01 · 3
    [InlineData(2.0, 2.0, 0.95, 0.0)] // on the quantile
    [InlineData(5.0, 1.5, 0.95, 3.325)] // 0.95 · 3.5
    public void Loss_of_one_forecast(double loss, double valueAtRisk, double alpha, double expected) =>
        Assert.Equal(expected, QuantileLoss.Of(loss, valueAtRisk, alpha), 12);

    [Fact]
    public void Equals_the_return_convention_tick_loss()
    {
        // (τ − 1[r < q]) (r − q) with τ = 1 − α and q = −VaR the return quantile (GAS::BacktestVaR).
        var rng = new Random(11);
        for (var i = 0; i < 1000; i++)
        {
            var r = 3 * (rng.NextDouble() - 0.5);
            var valueAtRisk = 2 * rng.NextDouble();
            const double alpha = 0.975;
            double tau = 1 - alpha, q = -valueAtRisk;
            var tick = (tau - (r < q ? 1 : 0)) * (r - q);
            Assert.Equal(tick, QuantileLoss.Of(-r, valueAtRisk, alpha), 12);
        }
    }

    [Fact]
    public void Average_over_days_and_empty_is_undefined()
    {
        Assert.Equal((0.99 + 0.01 + 0.03) / 3, QuantileLoss.Average([3.0, 1.0, -1.0], [2.0, 2.0, 2.0], 0.99), 12);
        Assert.True(double.IsNaN(QuantileLoss.Average([], [], 0.99)));
        Assert.Throws<ArgumentException>(() => QuantileLoss.Average([1.0], [], 0.99));
    }

    [Fact]
    public void True_quantile_scores_better_than_shifted_ones()
    {
        // Strict consistency: on normal losses the average loss is lowest at VaR = z_α.
        var rng = new Random(5);
        var losses = Enumerable.Range(0, 200_000).Select(_ => Gaussian(rng)).ToArray();
        var z = StandardNormal.Quantile(0.99);
        double Score(double v) => QuantileLoss.Average(losses, Enumerable.Repeat(v, losses.Length).ToArray(), 0.99);
        Assert.True(Score(z) < Score(0.9 * z));
        Assert.True(Score(z) < Score(1.1 * z));
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
