using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Murphy diagram data: the elementary quantile scores against a direct computation and the tick loss.</summary>
public sealed class MurphyDiagramTests
{
    [Fact]
    public void Elementary_score_is_the_closed_form_on_each_side_of_the_forecast()
    {
        // VaR 2, loss 3 (an exception): −α·(0 − 1) = α for θ in [2, 3), 0 elsewhere.
        Assert.Equal(0.99, MurphyDiagram.ElementaryScore(2, 3, 0.99, 2.5), 15);
        Assert.Equal(0.99, MurphyDiagram.ElementaryScore(2, 3, 0.99, 2), 15);
        Assert.Equal(0, MurphyDiagram.ElementaryScore(2, 3, 0.99, 3));
        Assert.Equal(0, MurphyDiagram.ElementaryScore(2, 3, 0.99, 1.9));
        // VaR 2, loss −1 (no exception): (1 − α)(1 − 0) for θ in [−1, 2).
        Assert.Equal(0.01, MurphyDiagram.ElementaryScore(2, -1, 0.99, 0), 15);
        Assert.Equal(0, MurphyDiagram.ElementaryScore(2, -1, 0.99, 2));
        Assert.Equal(0, MurphyDiagram.ElementaryScore(2, 2, 0.99, 2));
    }

    [Fact]
    public void Mean_scores_match_a_direct_sum_and_integrate_to_the_tick_loss()
    {
        var random = new Random(3);
        var losses = Enumerable.Range(0, 400).Select(_ => 2 * (random.NextDouble() - 0.5) * 3).ToArray();
        var var = Enumerable.Range(0, 400).Select(t => 1.5 + Math.Sin(t / 30.0)).ToArray();
        const double alpha = 0.95;
        double[] grid = [.. Enumerable.Range(0, 40001).Select(i => -3.5 + 7.0 * i / 40000)];
        var curve = MurphyDiagram.MeanScores(var, losses, alpha, grid);

        // Direct: the share of days on each side, weighted.
        foreach (var k in new[] { 0, 5000, 17000, 26000, 40000 })
        {
            var theta = grid[k];
            var expected = 0.0;
            for (var t = 0; t < losses.Length; t++)
            {
                if (losses[t] < var[t] && losses[t] <= theta && theta < var[t])
                {
                    expected += 1 - alpha;
                }
                else if (losses[t] >= var[t] && var[t] <= theta && theta < losses[t])
                {
                    expected += alpha;
                }
            }

            Assert.Equal(expected / losses.Length, curve[k], 14);
        }

        // ∫ S_θ dθ is the tick loss; the grid covers every forecast and loss, a step of 1.75e-4.
        var integral = curve.Sum() * (grid[1] - grid[0]);
        Assert.Equal(QuantileLoss.Average(losses, var, alpha), integral, 3);
        Assert.All(MurphyDiagram.MeanScores([], [], alpha, grid), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Curves_of_a_run_share_each_instruments_grid_and_common_days()
    {
        var options = new RollingOptions { Window = 100, Alphas = [0.95, 0.99] };
        var universe = Enumerable.Range(0, 2).Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(260, 70 + i))).ToArray();
        var runs = RollingEngine.Run(universe, ["hs", "normal"], options);

        var curves = MurphyDiagram.Compute(runs, options.Alphas, points: 51);

        Assert.Equal(2 * 2 * 2, curves.Count);
        foreach (var c in curves)
        {
            var run = runs.Single(r => r.Instrument == c.Instrument && r.Model == c.Model);
            var level = options.Alphas.ToList().IndexOf(c.Alpha);
            var days = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
            Assert.Equal(days.Count, c.Days); // both models forecast every realised day here
            Assert.Equal(51, c.Thresholds.Count);
            Assert.Equal(MurphyDiagram.MeanScores([.. days.Select(f => f.VaR[level])], [.. days.Select(f => -f.Realized)], c.Alpha, [.. c.Thresholds]), c.MeanScores);
            var sibling = curves.Single(o => o.Instrument == c.Instrument && o.Alpha == c.Alpha && o.Model != c.Model);
            Assert.Equal(sibling.Thresholds, c.Thresholds);
            Assert.Equal(0, c.MeanScores[^1]); // at the largest forecast or loss nothing lies above θ
        }
    }
}
