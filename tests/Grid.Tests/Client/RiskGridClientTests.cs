using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Client;

/// <summary>The SDK against the in-process cluster: bad input is refused clearly and changes nothing.</summary>
[Collection(GridCollection.Name)]
public sealed class RiskGridClientTests(GridFixture grid)
{
    private static readonly RollingOptions Options = new() { Window = TestModels.Window(50), RefitEvery = 1, Alphas = [0.95, 0.99] };

    private RiskGridClient Client => new(grid.Client, new RiskGridClientOptions { DaysPerPush = 13 });

    private async Task<(string Universe, PriceSeries[] Data)> NewUniverseAsync(int instruments, int days, int seed)
    {
        var name = TestSeries.Unique("S");
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days, Seed = seed })
            .Select(s => PriceSeries.Create($"{name}.{s.Instrument}", s.Source, s.Bars)).ToArray();
        await Client.DefineUniverseAsync(name, CoreMapping.ToSettings(Options), TestModels.All, [.. data.Select(s => s.Instrument)]);
        return (name, data);
    }

    private static InstrumentPrices[] Prices(IEnumerable<PriceSeries> data, int skip = 0, int take = int.MaxValue) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, skip, take)))];

    // Everything a pair holds, to compare before and after a refused request.
    private async Task<object[]> SnapshotAsync(string universe, IEnumerable<PriceSeries> data) =>
        await Task.WhenAll(from s in data
                           from m in TestModels.All
                           select SnapshotAsync(universe, s.Instrument, m));

    private async Task<object> SnapshotAsync(string universe, string instrument, string model)
    {
        var status = await Client.GetPairStatusAsync(universe, instrument, model);
        var history = await Client.GetForecastHistoryAsync(universe, instrument, model);
        return (status.BarsSeen, status.LastDate, status.Forecasts, status.FitAttempts,
            string.Join(";", history.Select(h => $"{h.OriginDate}:{Bits.Of(h.VaR[^1])}:{Bits.Of(h.Realized)}")));
    }

    [Fact]
    public async Task Series_pushed_in_chunks_equal_the_core_engine_and_report_progress()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 3, days: Options.Window + 40, seed: 41);
        var reports = new List<PushProgress>();
        var done = await Client.PushSeriesAsync(universe, Prices(data), new SynchronousProgress<PushProgress>(reports.Add));

        Assert.Equal((Options.Window + 40 + 12) / 13, done.Pushes);
        Assert.Equal(3L * (Options.Window + 40), done.PricesSent);
        Assert.Equal(done.PricesSent * TestModels.All.Count, done.PairUpdates);
        Assert.Equal(done.Pushes, reports.Count);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.PricesSent < p.Second.PricesSent));
        foreach (var run in RollingEngine.Run(data, TestModels.All, Options))
        {
            var history = await Client.GetForecastHistoryAsync(universe, run.Instrument, run.Model);
            Bits.Identical(run.Forecasts, [.. history.Select(e => e.ToCore())], $"{run.Instrument}/{run.Model}");
        }
    }

    [Fact]
    public async Task Instruments_with_different_calendars_are_cut_at_the_same_dates()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: Options.Window + 60, seed: 42);
        // The second instrument misses every fifth day.
        var gappy = PriceSeries.Create(data[1].Instrument, data[1].Source, [.. data[1].Bars.Where((_, i) => i % 5 != 3)]);
        PriceSeries[] both = [data[0], gappy];
        await Client.PushSeriesAsync(universe, Prices(both));
        foreach (var run in RollingEngine.Run(both, TestModels.All, Options))
        {
            var history = await Client.GetForecastHistoryAsync(universe, run.Instrument, run.Model);
            Bits.Identical(run.Forecasts, [.. history.Select(e => e.ToCore())], $"{run.Instrument}/{run.Model}");
        }
    }

    [Fact]
    public async Task An_unknown_instrument_is_a_clear_error_and_changes_nothing()
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: 80, seed: 43);
        await Client.PushSeriesAsync(universe, Prices(data, 0, 70));
        var before = await SnapshotAsync(universe, data);

        InstrumentPrices[] push = [.. Prices(data, 70, 5), new InstrumentPrices("NOT-THERE", TestSeries.Prices(data[0], 70, 5))];
        var ex = await Assert.ThrowsAsync<RiskGridException>(() => Client.PushAsync(universe, push));
        Assert.Contains("unknown instrument 'NOT-THERE'", ex.Message);
        Assert.Contains(data[0].Instrument, ex.Message);

        var query = await Assert.ThrowsAsync<RiskGridException>(() => Client.GetForecastAsync(universe, "NOT-THERE", "hs", 0.99));
        Assert.Contains($"pair {universe}/NOT-THERE/hs is not configured", query.Message);
        Assert.Equal(before, await SnapshotAsync(universe, data));
    }

    [Theory]
    [InlineData("repeat", "duplicate date")]
    [InlineData("backwards", "dates not increasing")]
    [InlineData("nan", "close is NaN or empty")]
    [InlineData("negative", "close must be positive")]
    [InlineData("conflict", "conflicting price")]
    public async Task A_bad_price_is_a_clear_error_naming_instrument_date_and_problem_and_changes_nothing(string kind, string problem)
    {
        var (universe, data) = await NewUniverseAsync(instruments: 2, days: Options.Window + 30, seed: 44);
        await Client.PushSeriesAsync(universe, Prices(data, 0, Options.Window + 20));
        var before = await SnapshotAsync(universe, data);

        var good = TestSeries.Prices(data[0], Options.Window + 20, 5);
        var bad = TestSeries.Prices(data[1], Options.Window + 20, 5);
        var at = 3;
        switch (kind)
        {
            case "repeat": bad[at] = bad[at] with { Date = bad[at - 1].Date }; break;
            case "backwards": bad[at] = bad[at] with { Date = bad[0].Date.AddDays(-10) }; break;
            case "nan": bad[at] = bad[at] with { Close = double.NaN }; break;
            case "negative": bad[at] = bad[at] with { Close = -1 }; break;
            default:
                // A re-sent day from history with a different price: only the instrument's accepted prices can tell.
                bad = [.. TestSeries.Prices(data[1], 10, 1).Select(p => p with { Close = p.Close * 1.001 }), .. bad];
                at = 0;
                break;
        }

        var ex = await Assert.ThrowsAsync<PriceRejectedException>(() =>
            Client.PushAsync(universe, [new InstrumentPrices(data[0].Instrument, good), new InstrumentPrices(data[1].Instrument, bad)]));
        Assert.Equal(data[1].Instrument, ex.Instrument);
        Assert.Equal(bad[at].Date, ex.Date);
        Assert.Contains(problem, ex.Problem);
        Assert.StartsWith($"{data[1].Instrument} {bad[at].Date:yyyy-MM-dd}: ", ex.Message);

        // The push is checked as a whole: the other instrument's (valid) prices were not taken either.
        Assert.Equal(before, await SnapshotAsync(universe, data));
    }
}
