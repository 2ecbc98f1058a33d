using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;

namespace RiskGrid.Core.Tests.Portfolio;

public sealed class PortfolioBacktestTests
{
    [Fact]
    public void Routes_are_realised_by_the_weighted_return_over_joint_days_and_the_driven_ones_use_the_models_forecasts()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 330 });
        var a = universe[0];
        // B misses a day A traded: the joint return after it spans two of A's days.
        var gap = a.Bars[290].Date;
        var b = PriceSeries.Create(universe[1].Instrument, "test", [.. universe[1].Bars.Where(x => x.Date != gap)]);
        var rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] };
        var runs = new PairRun?[] { RollingEngine.RunPair(a, ModelCatalog.Create("normal"), rolling), RollingEngine.RunPair(b, ModelCatalog.Create("normal"), rolling) };
        var options = new PortfolioOptions { Weights = [0.6, -0.4], Window = 20, Alphas = rolling.Alphas };

        var routes = PortfolioBacktest.Run([a, b], runs, options, ReturnKind.Simple);

        Assert.Equal(PortfolioMethods.All.Count, routes.Count);
        var closesB = b.Bars.ToDictionary(x => x.Date, x => x.Close);
        var joint = a.Bars.Where(x => closesB.ContainsKey(x.Date)).ToList();
        var expected = new Dictionary<DateOnly, double>();
        for (var t = 1; t < joint.Count; t++)
        {
            expected[joint[t].Date] = 0.6 * 100 * (joint[t].Close / joint[t - 1].Close - 1) - 0.4 * 100 * (closesB[joint[t].Date] / closesB[joint[t - 1].Date] - 1);
        }

        Assert.DoesNotContain(gap, expected.Keys);
        foreach (var route in routes)
        {
            var realized = route.Where(f => f.IsRealized).ToList();
            Assert.Equal(joint.Count - 1 - options.Window, realized.Count);
            foreach (var f in realized)
            {
                Assert.Equal(expected[f.TargetDate!.Value], f.Realized, 10);
            }
        }

        // hs needs returns only; fhs and dcc need the model's volatility over the whole window, so they start later.
        var hs = routes[(int)PortfolioMethod.Historical];
        var fhs = routes[(int)PortfolioMethod.FilteredHistorical];
        Assert.All(hs, f => Assert.True(f.HasForecast));
        Assert.Contains(fhs, f => !f.HasForecast);
        Assert.Contains(fhs, f => f.HasForecast);
        Assert.Contains(routes[(int)PortfolioMethod.Dcc], f => f.HasForecast);
        // varcov with the model's volatility differs from hs' empirical quantile.
        var last = routes[(int)PortfolioMethod.VarianceCovariance][^1];
        Assert.NotEqual(hs[^1].VaR[1], last.VaR[1], 6);
    }
}
