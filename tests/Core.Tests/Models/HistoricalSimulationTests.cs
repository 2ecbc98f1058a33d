using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

public sealed class HistoricalSimulationTests
{
    [Fact]
    public void Var_is_the_type7_quantile_of_losses_on_a_hand_checked_window()
    {
        // Losses are 1..10; R type 7 at 0.95: h = 9·0.95 = 8.55 → 9 + 0.55·(10 − 9) = 9.55.
        var returns = Enumerable.Range(1, 10).Select(i => -(double)i).ToArray();
        var f = new HistoricalSimulation().Forecast(ModelWindow.OfReturns(returns), ModelFit.Empty, [0.95]);
        Assert.Equal(9.55, f[0].VaR, 12);
        Assert.Equal(10.0, f[0].ES, 12); // only the loss 10 is ≥ 9.55
    }

    [Theory]
    [InlineData(0.9, 7)]
    [InlineData(0.95, 11)]
    [InlineData(0.99, 13)]
    [InlineData(0.975, 5)]
    public void Var_and_es_match_a_sort_based_reference(double alpha, int seed)
    {
        var returns = Series.NoisyReturns(750, seed);
        var f = new HistoricalSimulation().Forecast(ModelWindow.OfReturns(returns), ModelFit.Empty, [alpha])[0];

        var losses = returns.Select(r => -r).OrderBy(x => x).ToArray();
        var h = (losses.Length - 1) * alpha;
        var lo = (int)Math.Floor(h);
        var expectedVar = losses[lo] + (h - lo) * (losses[lo + 1] - losses[lo]);
        var tail = losses.Where(l => l >= expectedVar).ToArray();

        Assert.Equal(expectedVar, f.VaR, 12);
        Assert.Equal(tail.Average(), f.ES, 12);
        Assert.True(f.ES >= f.VaR);
    }
}
