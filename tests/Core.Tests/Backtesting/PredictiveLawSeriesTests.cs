using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The tabulated tails of the forecast records' laws against the laws' exact quantiles, and the whole-law draws.</summary>
public sealed class PredictiveLawSeriesTests
{
    private static readonly PredictiveLaw[] Laws =
    [
        PredictiveLaw.Normal(0.05, 1.3),
        new(PredictiveLaw.StudentTKey, -0.02, 2.0, [2.1]),
        new(PredictiveLaw.StudentTKey, 0.0, 1.0, [2.5]),
        new(PredictiveLaw.StudentTKey, 0.1, 0.8, [5]),
        new(PredictiveLaw.StudentTKey, 0.0, 1.1, [30]),
        new(PredictiveLaw.StudentTKey, 0.0, 1.1, [100]),
        new("skewt", 0.03, 1.2, [6, -0.2]),
        new("skewt", 0.03, 1.2, [4, 0.3]),
        new("ged", 0.0, 1.0, [0.8]),
        new("ged", 0.0, 1.0, [1.4]),
        new("ged", 0.0, 1.0, [3]),
    ];

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.025)]
    [InlineData(0.01)]
    public void The_tabulated_tail_is_the_exact_quantile_to_two_parts_in_a_hundred_thousand(double tail)
    {
        var series = new PredictiveLawSeries(Laws, tail);
        for (var t = 0; t < Laws.Length; t++)
        {
            var worst = 0.0;
            for (var i = 0; i <= 400; i++)
            {
                // p from the tail down to 1e-11, off the nodes.
                var p = tail * Math.Exp(-i * Math.Log(tail / 1e-11) / 400 - 1e-3);
                var exact = Laws[t].LossQuantile(p);
                worst = Math.Max(worst, Math.Abs(series.TailQuantile(t, p) - exact) / Math.Abs(exact));
            }

            var shape = Laws[t].Shape.Length > 0 ? Laws[t].Shape[0] : double.PositiveInfinity;
            Assert.True(worst < 2e-5, $"law {t} ({Laws[t].Distribution}, shape {shape}): relative error {worst:E2}");
            Assert.Equal(Laws[t].LossQuantile(tail), series.TailQuantile(t, tail), 12);
            Assert.Equal(Laws[t].LossQuantile(0.3), series.TailQuantile(t, 0.3));
            Assert.True(double.IsFinite(series.TailQuantile(t, 1e-300)));
        }
    }

    [Fact]
    public void Whole_law_draws_follow_the_law()
    {
        // Kolmogorov–Smirnov distance of 20,000 draws from each law's CDF (the loss L ≤ x is R ≥ −x).
        var series = new PredictiveLawSeries(Laws, 0.025);
        var random = new Random(5);
        for (var t = 0; t < Laws.Length; t++)
        {
            var draws = Enumerable.Range(0, 20_000).Select(_ => series.Draw(t, random)).Order().ToArray();
            var distance = 0.0;
            for (var i = 0; i < draws.Length; i++)
            {
                var f = 1 - Laws[t].Cdf(-draws[i]);
                distance = Math.Max(distance, Math.Max(Math.Abs(f - (double)i / draws.Length), Math.Abs(f - (i + 1.0) / draws.Length)));
            }

            // The 0.1% critical value of the KS distance at n = 20,000 is 1.95/√n ≈ 0.0138.
            Assert.True(distance < 0.0138, $"law {t}: KS distance {distance:F4}");
        }
    }
}
