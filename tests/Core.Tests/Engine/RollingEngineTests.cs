using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Engine;

public sealed class RollingEngineTests
{
    [Fact]
    public void Results_do_not_depend_on_parallelism()
    {
        var universe = Enumerable.Range(0, 5)
            .Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(260, 10 + i))).ToArray();
        var options = new RollingOptions { Window = 60, Alphas = [0.99] };

        var serial = RollingEngine.Run(universe, ["hs"], options, maxDegreeOfParallelism: 1);
        var parallel = RollingEngine.Run(universe, ["hs"], options, maxDegreeOfParallelism: 4);

        Assert.Equal(serial.Select(r => r.Instrument), parallel.Select(r => r.Instrument));
        for (var p = 0; p < serial.Count; p++)
        {
            Assert.Equal(serial[p].Forecasts.Select(f => f.VaR[0]), parallel[p].Forecasts.Select(f => f.VaR[0]));
        }
    }

    [Fact]
    public void Pairs_start_costliest_first_and_ties_keep_their_order()
    {
        string[] names = ["hs", "garch-n", "egarch-t", "gjr-n", "egarch-n", "garch-n"];
        var models = names.Select(n => ModelCatalog.Create(n)).ToArray();
        var options = new RollingOptions { Window = 250, RefitEvery = 1 };

        var order = RollingEngine.StartOrder(models, [.. names.Select(_ => 1000)], options);

        Assert.Equal([2, 4, 3, 0, 1, 5], order);
        Assert.Equal(names.Length, order.Distinct().Count());
        for (var k = 1; k < order.Length; k++)
        {
            Assert.True(models[order[k - 1]].FitCost >= models[order[k]].FitCost);
        }

        // A longer series has more fits to do: it goes first among equal models.
        Assert.Equal([1, 0], RollingEngine.StartOrder([models[1], models[1]], [1000, 2000], options));
    }

    [Fact]
    public void Progress_reaches_every_bar_and_pair()
    {
        var universe = Enumerable.Range(0, 3)
            .Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(200, i))).ToArray();
        var last = default(EngineProgress);
        var progress = new SynchronousProgress<EngineProgress>(p =>
        {
            lock (universe)
            {
                if (p.BarsDone >= last.BarsDone && p.PairsDone >= last.PairsDone)
                {
                    last = p;
                }
            }
        });
        RollingEngine.Run(universe, ["hs"], new RollingOptions { Window = 50 }, progress: progress);
        Assert.Equal(3 * 201, last.BarsTotal);
        Assert.Equal(last.BarsTotal, last.BarsDone);
        Assert.Equal(3, last.PairsDone);
    }

    [Fact]
    public void Too_short_a_series_is_a_clear_error_before_any_work()
    {
        var shortSeries = Series.FromReturns("SHORT", Series.NoisyReturns(40, 1));
        var ex = Assert.Throws<DataValidationException>(() =>
            RollingEngine.Run([shortSeries], ["hs"], new RollingOptions { Window = 50 }));
        Assert.Contains("SHORT has 41 prices but a 50-return window needs at least 52", ex.Message);
    }

    [Fact]
    public void Unknown_model_names_the_known_ones()
    {
        var s = Series.FromReturns("X", Series.NoisyReturns(100, 1));
        var ex = Assert.Throws<ArgumentException>(() => RollingEngine.Run([s], ["nope"], new RollingOptions { Window = 50 }));
        Assert.Contains("unknown model 'nope'", ex.Message);
        Assert.Contains("hs", ex.Message);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
