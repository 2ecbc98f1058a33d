using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

[Collection(GridCollection.Name)]
public sealed class BacktestTests(GridFixture grid)
{
    private static readonly RollingOptions Options = new() { Window = TestModels.Window(60), RefitEvery = 2, Alphas = [0.95, 0.99] };

    private async Task<(IUniverseGrain Universe, IReadOnlyList<PriceSeries> Data)> NewUniverseAsync(int instruments, int days, int seed)
    {
        var name = TestSeries.Unique("B");
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days, Seed = seed })
            .Select(s => PriceSeries.Create($"{name}.{s.Instrument}", s.Source, s.Bars)).ToArray();
        var universe = grid.Client.GetGrain<IUniverseGrain>(name);
        await universe.ConfigureAsync(CoreMapping.ToSettings(Options), [.. TestModels.All]);
        await universe.AddInstrumentsAsync([.. data.Select(s => s.Instrument)]);
        return (universe, data);
    }

    private static InstrumentPrices[] Days(IReadOnlyList<PriceSeries> data, int skip, int take) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, skip, take)))];

    [Fact]
    public async Task A_pairs_backtest_is_the_core_backtest_of_its_forecasts_and_moves_with_each_new_day()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: Options.Window + 120, seed: 21);
        await universe.PushPricesAsync(Days(data, 0, data[0].Count - 1));
        var pairs = (from s in data from m in TestModels.All
                     select (Series: s, Model: m, Grain: grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe.GetPrimaryKeyString(), s.Instrument, m)))).ToArray();
        var before = await Task.WhenAll(pairs.Select(p => p.Grain.GetBacktestAsync(0.99)));

        await universe.PushPricesAsync(Days(data, data[0].Count - 1, 1));
        for (var i = 0; i < pairs.Length; i++)
        {
            var (series, model, pair) = pairs[i];
            var core = RollingEngine.RunPair(series, ModelCatalog.Create(model), Options);
            var expected = Backtester.Summarize(core.Forecasts, Options.Alphas);
            for (var k = 0; k < Options.Alphas.Count; k++)
            {
                Assert.Equal(expected[k].ToMessage(), await pair.GetBacktestAsync(Options.Alphas[k]));
            }

            var after = await pair.GetBacktestAsync(0.99);
            Assert.Equal(before[i].Observations + before[i].MissingForecasts + 1, after.Observations + after.MissingForecasts);
        }

        var ex = await Assert.ThrowsAsync<RiskGridException>(() => pairs[0].Grain.GetBacktestAsync(0.975));
        Assert.Contains("not at 0.975", ex.Message);
    }

    [Fact]
    public async Task The_universe_summary_pools_every_pairs_backtest_per_model()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 3, days: Options.Window + 90, seed: 22);
        await universe.PushPricesAsync(Days(data, 0, data[0].Count - 5));
        var partial = await universe.GetSummaryAsync();
        Assert.Equal(data[0].Bars[^6].Date, partial.Progress.LatestLastDate);

        await universe.PushPricesAsync(Days(data, data[0].Count - 5, 5));
        var summary = await universe.GetSummaryAsync();
        var core = RollingEngine.Run(data, TestModels.All, Options);
        Assert.Equal(data.Count * (long)data[0].Count, summary.Progress.PricesAccepted);
        Assert.Equal(core.Count * (long)data[0].Count, summary.Progress.PairUpdates);
        Assert.Equal(data[0].Bars[^1].Date, summary.Progress.LatestLastDate);
        Assert.Equal(data[0].Bars[^1].Date, summary.Progress.EarliestLastDate);
        Assert.Equal(0, summary.Progress.InstrumentsBehind);
        Assert.Equal(TestModels.All, summary.Models.Select(m => m.Model));
        foreach (var model in summary.Models)
        {
            var runs = core.Where(r => r.Model == model.Model).ToArray();
            Assert.Equal(data.Count, model.Pairs);
            Assert.Equal(runs.Sum(r => (long)r.Forecasts.Count), model.Forecasts);
            for (var k = 0; k < Options.Alphas.Count; k++)
            {
                var backtests = runs.Select(r => Backtester.Summarize(r.Forecasts, k, Options.Alphas[k])).ToArray();
                var level = model.Levels[k];
                Assert.Equal(backtests.Sum(b => (long)b.Observations), level.Observations);
                Assert.Equal(backtests.Sum(b => (long)b.Exceptions), level.Exceptions);
                Assert.Equal(1 - Options.Alphas[k], level.ExpectedRate);
                Assert.Equal(backtests.Count(b => b.Observations > 0 && b.TrafficLight.Zone == TrafficLightZone.Green), level.Green);
                Assert.Equal(backtests.Count(b => b.Observations > 0 && b.TrafficLight.Zone == TrafficLightZone.Red), level.Red);
                Assert.Equal(data.Count, level.Green + level.Yellow + level.Red);
            }
        }
    }
}
