using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

[Collection(GridCollection.Name)]
public sealed class UniverseGrainTests(GridFixture grid)
{
    private static readonly RollingOptions Options = new() { Window = TestModels.Window(60), RefitEvery = 3, Alphas = [0.95, 0.99] };

    private static IReadOnlyList<PriceSeries> Data(string prefix, int instruments, int days, int seed) =>
        [.. SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days, Seed = seed })
            .Select(s => PriceSeries.Create($"{prefix}.{s.Instrument}", s.Source, s.Bars))];

    private async Task<(IUniverseGrain Universe, IReadOnlyList<PriceSeries> Data)> NewUniverseAsync(int instruments, int days, int seed)
    {
        var name = TestSeries.Unique("U");
        var data = Data(name, instruments, days, seed);
        var universe = grid.Client.GetGrain<IUniverseGrain>(name);
        await universe.ConfigureAsync(CoreMapping.ToSettings(Options), [.. TestModels.All]);
        await universe.AddInstrumentsAsync([.. data.Select(s => s.Instrument)]);
        return (universe, data);
    }

    private static InstrumentPrices[] Day(IReadOnlyList<PriceSeries> data, int skip, int take = 1) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, skip, take)))];

    [Fact]
    public async Task A_universe_fed_day_by_day_equals_the_core_engine_for_every_pair()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 3, days: Options.Window + 45, seed: 7);
        var first = await universe.PushPricesAsync(Day(data, 0, Options.Window));
        Assert.Equal(data.Count * TestModels.All.Count * (long)Options.Window, first.PairUpdates);
        for (var day = Options.Window; day < data[0].Count; day++)
        {
            var step = await universe.PushPricesAsync(Day(data, day));
            Assert.Equal(data.Count * TestModels.All.Count, step.PairUpdates);
            Assert.Equal(data[0].Bars[day].Date, step.LastDate);
        }

        var core = RollingEngine.Run(data, TestModels.All, Options);
        foreach (var run in core)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe.GetPrimaryKeyString(), run.Instrument, run.Model));
            Bits.Identical(run.Forecasts, await GridReads.ForecastsAsync(pair), $"{run.Instrument}/{run.Model}");
        }
    }

    [Fact]
    public async Task Each_new_day_realises_and_replaces_every_pairs_forecast()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: Options.Window + 10, seed: 8);
        await universe.PushPricesAsync(Day(data, 0, Options.Window + 9));
        var pairs = (from s in data from m in TestModels.All
                     select grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe.GetPrimaryKeyString(), s.Instrument, m))).ToArray();
        var before = await Task.WhenAll(pairs.Select(p => p.GetStatusAsync()));

        await universe.PushPricesAsync(Day(data, Options.Window + 9));
        var after = await Task.WhenAll(pairs.Select(p => p.GetStatusAsync()));
        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.Equal(before[i].Forecasts + 1, after[i].Forecasts);
            Assert.Equal(before[i].RealizedForecasts + 1, after[i].RealizedForecasts);
            Assert.Equal(data[0].Bars[^1].Date, after[i].LastDate);
            Assert.Equal(data[0].Bars[^1].Date, after[i].LastForecast!.OriginDate);
        }
    }

    [Fact]
    public async Task An_unknown_instrument_is_refused_and_the_registered_ones_are_named()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: 5, seed: 9);
        var ex = await Assert.ThrowsAsync<RiskGridException>(() =>
            universe.PushPricesAsync([new InstrumentPrices("NOPE", TestSeries.Prices(data[0]))]));
        Assert.Contains("unknown instrument 'NOPE'", ex.Message);
        Assert.Contains(data[1].Instrument, ex.Message);
    }

    [Fact]
    public async Task A_bad_price_for_one_instrument_is_refused_before_any_pair_changes()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: 30, seed: 10);
        await universe.PushPricesAsync(Day(data, 0, 20));
        var good = new InstrumentPrices(data[0].Instrument, TestSeries.Prices(data[0], 20, 5));
        var badPrices = TestSeries.Prices(data[1], 20, 5);
        badPrices[3] = badPrices[3] with { Close = double.NaN };
        var ex = await Assert.ThrowsAsync<PriceRejectedException>(() =>
            universe.PushPricesAsync([good, new InstrumentPrices(data[1].Instrument, badPrices)]));
        Assert.Equal(data[1].Instrument, ex.Instrument);
        Assert.Equal(badPrices[3].Date, ex.Date);
        Assert.Contains("close is NaN", ex.Message);

        foreach (var model in TestModels.All)
        {
            var status = await grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe.GetPrimaryKeyString(), data[0].Instrument, model)).GetStatusAsync();
            Assert.Equal(20, status.BarsSeen);
        }
    }

    [Fact]
    public async Task Configuration_errors_are_clear()
    {
        var universe = grid.Client.GetGrain<IUniverseGrain>(TestSeries.Unique("U"));
        var ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddInstrumentsAsync(["A"]));
        Assert.Contains("is not configured", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.ConfigureAsync(CoreMapping.ToSettings(Options), ["hs", "nope"]));
        Assert.Contains("unknown model 'nope'", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.ConfigureAsync(CoreMapping.ToSettings(Options with { Window = 1 }), ["hs"]));
        Assert.Contains("window must be at least 2", ex.Message);

        var definition = await universe.ConfigureAsync(CoreMapping.ToSettings(Options), ["HS"]);
        Assert.Equal(["hs"], definition.Models);
        await universe.AddInstrumentsAsync(["A", "B", "A"]);
        await universe.PushPricesAsync([new InstrumentPrices("A", [DailyPrice.FromClose(new DateOnly(2020, 1, 2), 10)])]);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.ConfigureAsync(CoreMapping.ToSettings(Options with { Window = 500 }), ["hs"]));
        Assert.Contains("cannot switch", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.ConfigureAsync(CoreMapping.ToSettings(Options), ["hs", "ewma"]));
        Assert.Contains("before the first prices", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddInstrumentsAsync([" C"]));
        Assert.Contains("surrounding spaces", ex.Message);
        Assert.Equal(["A", "B"], (await universe.GetDefinitionAsync()).Instruments);
    }
}
