using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

[Collection(GridCollection.Name)]
public sealed class InstrumentModelGrainTests(GridFixture grid)
{
    private static readonly RollingOptions Options = new() { Window = TestModels.Window(100), RefitEvery = 5, Alphas = [0.95, 0.99] };

    private async Task<(IInstrumentModelGrain Pair, string Instrument, TestUniverse Universe)> NewPairAsync(string model, RollingOptions? options = null)
    {
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(options ?? Options), [model]);
        return (universe.Pair(model), universe.Instrument, universe);
    }

    [Theory]
    [MemberData(nameof(TestModels.Each), MemberType = typeof(TestModels))]
    public async Task A_pair_fed_in_batches_equals_the_core_engine_bit_for_bit(string model)
    {
        var (pair, instrument, universe) = await NewPairAsync(model);
        var series = TestSeries.Create(instrument, Options.Window + 160, seed: 1);
        var prices = TestSeries.Prices(series);
        foreach (var (skip, take) in new[] { (0, 1), (1, 37), (38, Options.Window), (38 + Options.Window, 1), (39 + Options.Window, 1000) })
        {
            await universe.PushAsync(prices[skip..Math.Min(prices.Length, skip + take)]);
        }

        var core = RollingEngine.RunPair(series, ModelCatalog.Create(model), Options);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), $"{universe.Name}/{instrument}/{model}");
        var status = await pair.GetStatusAsync();
        Assert.Equal(series.Count, status.BarsSeen);
        Assert.Equal(core.FitAttempts, status.FitAttempts);
        Assert.Equal(core.FitFailures, status.FitFailures);
        Assert.Equal(series.Bars[^1].Date, status.LastDate);
    }

    [Theory]
    [MemberData(nameof(TestModels.Each), MemberType = typeof(TestModels))]
    public async Task A_deactivated_pair_reactivates_from_storage_and_continues_exactly(string model)
    {
        var (pair, instrument, universe) = await NewPairAsync(model);
        var series = TestSeries.Create(instrument, Options.Window + 150, seed: 2);
        var prices = TestSeries.Prices(series);
        var split = Options.Window + 57;
        await universe.PushAsync(prices[..split]);
        var before = await pair.GetStatusAsync();

        await grid.Cluster.DeactivateAsync(pair);
        var after = await pair.GetStatusAsync();
        Assert.Equal(before.BarsSeen, after.BarsSeen);
        Assert.Equal(before.Forecasts, after.Forecasts);
        Assert.Equal(before.FitAttempts, after.FitAttempts);
        Assert.Equal(before.LastFit?.Parameters, after.LastFit?.Parameters);

        foreach (var price in prices[split..])
        {
            await universe.PushAsync([price]);
            if (price.Date.Day % 9 == 0)
            {
                await grid.Cluster.DeactivateAsync(pair);
            }
        }

        var core = RollingEngine.RunPair(series, ModelCatalog.Create(model), Options);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), $"{universe.Name}/{instrument}/{model}");
    }

    [Fact]
    public async Task Identical_resent_prices_are_skipped_and_new_ones_appended()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        var series = TestSeries.Create(instrument, Options.Window + 80, seed: 3);
        var prices = TestSeries.Prices(series);
        var first = await universe.PushAsync(prices[..^5]);
        Assert.Equal(prices.Length - 5, first.PairUpdates);

        // A retry of an overlapping batch (as after a failover): the known prices are skipped, the new appended.
        var again = await universe.PushAsync(prices[^40..]);
        Assert.Equal((5L, 35L), (again.PairUpdates, again.Skipped));
        var all = await universe.PushAsync(prices);
        Assert.Equal((0L, (long)prices.Length), (all.PairUpdates, all.Skipped));

        var core = RollingEngine.RunPair(series, ModelCatalog.Create("hs"), Options);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), instrument);
    }

    [Theory]
    [InlineData(double.NaN, 1, "close is NaN or empty")]
    [InlineData(0.0, 1, "close must be positive")]
    [InlineData(-3.0, 1, "close must be positive")]
    [InlineData(double.PositiveInfinity, 1, "close is infinite")]
    [InlineData(50.0, 0, "duplicate date")]
    [InlineData(50.0, -4, "dates not increasing")]
    public async Task A_bad_price_in_a_batch_is_rejected_naming_instrument_date_and_problem_and_nothing_changes(
        double close, int offset, string problem)
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        var series = TestSeries.Create(instrument, Options.Window + 40, seed: 4);
        var prices = TestSeries.Prices(series);
        await universe.PushAsync(prices[..^3]);
        var before = await pair.GetStatusAsync();

        // Two good new prices, then the bad one: the good ones must not be applied either.
        var good = prices[^3..^1];
        var badDate = good[^1].Date.AddDays(offset);
        DailyPrice[] batch = [.. good, DailyPrice.FromClose(badDate, close)];
        var ex = await Assert.ThrowsAsync<PriceRejectedException>(() => universe.PushAsync(batch));
        Assert.Equal(instrument, ex.Instrument);
        Assert.Equal(badDate, ex.Date);
        Assert.Contains(problem, ex.Problem);
        Assert.Contains($"{instrument} {badDate:yyyy-MM-dd}: {problem}", ex.Message);

        await AssertUnchanged(pair, before);
    }

    [Fact]
    public async Task A_resent_date_with_a_different_price_is_a_conflict_and_nothing_changes()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        var series = TestSeries.Create(instrument, Options.Window + 300, seed: 5);
        var prices = TestSeries.Prices(series);
        await universe.PushAsync(prices[..^1]);
        var before = await pair.GetStatusAsync();

        // Long past the window (only the log remembers it), with a new price after it.
        var old = prices[3] with { Close = prices[3].Close * 1.01 };
        var ex = await Assert.ThrowsAsync<PriceRejectedException>(() => universe.PushAsync([old, prices[^1]]));
        Assert.Equal(prices[3].Date, ex.Date);
        Assert.Contains("conflicting price", ex.Problem);
        await AssertUnchanged(pair, before);

        // A weekend date inside the history the pair never had.
        var saturday = prices[10].Date;
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        ex = await Assert.ThrowsAsync<PriceRejectedException>(() => universe.PushAsync([DailyPrice.FromClose(saturday, 100)]));
        Assert.Contains("no price on that day", ex.Problem);
        await AssertUnchanged(pair, before);
    }

    [Fact]
    public async Task A_pair_forecasts_at_any_level_from_its_window_and_last_fit()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        var series = TestSeries.Create(instrument, Options.Window + 30, seed: 6);
        await universe.PushAsync(TestSeries.Prices(series));

        var core = new RollingPair(ModelCatalog.Create("hs"), Options, instrument);
        foreach (var bar in series.Bars)
        {
            core.Append(bar);
        }

        var expected = core.ForecastNow([0.975])![0];
        var actual = await pair.GetForecastAsync(0.975);
        Assert.NotNull(actual);
        Bits.Equal(expected.VaR, actual.VaR, "VaR 97.5%");
        Bits.Equal(expected.ES, actual.ES, "ES 97.5%");
        Assert.Equal(series.Bars[^1].Date, actual.AsOf);
        await Assert.ThrowsAsync<RiskGridException>(() => pair.GetForecastAsync(1.5));
    }

    [Fact]
    public async Task A_filling_window_has_no_forecast_yet()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        await universe.PushAsync(TestSeries.Prices(TestSeries.Create(instrument, 10, seed: 7)));
        Assert.Null(await pair.GetForecastAsync(0.99));
    }

    [Fact]
    public async Task An_unconfigured_pair_says_so()
    {
        var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of("nowhere", TestSeries.Unique("NONE"), "hs"));
        var ex = await Assert.ThrowsAsync<RiskGridException>(() => pair.AppendPricesAsync(new PriceBatch(0, [DailyPrice.FromClose(new DateOnly(2020, 1, 2), 1)])));
        Assert.Contains("is not configured", ex.Message);
    }

    [Fact]
    public async Task Settings_are_idempotent_and_cannot_change_once_there_are_prices()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        await pair.ConfigureAsync(CoreMapping.ToSettings(Options));
        await pair.ConfigureAsync(CoreMapping.ToSettings(Options with { Window = Options.Window + 1 }));
        await pair.ConfigureAsync(CoreMapping.ToSettings(Options));
        await universe.PushAsync(TestSeries.Prices(TestSeries.Create(instrument, 5, seed: 8)));
        var ex = await Assert.ThrowsAsync<RiskGridException>(() => pair.ConfigureAsync(CoreMapping.ToSettings(Options with { Window = 250 })));
        Assert.Contains("cannot switch", ex.Message);
        Assert.Contains("window 250", ex.Message);

        var bad = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe.Name, TestSeries.Unique("BAD"), "no-such-model"));
        ex = await Assert.ThrowsAsync<RiskGridException>(() => bad.ConfigureAsync(CoreMapping.ToSettings(Options)));
        Assert.Contains("unknown model 'no-such-model'", ex.Message);
    }

    [Fact]
    public async Task Updates_read_prices_and_forecasts_from_given_positions()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        var series = TestSeries.Create(instrument, Options.Window + 20, seed: 9);
        await universe.PushAsync(TestSeries.Prices(series));
        var updates = await pair.GetUpdatesAsync(Options.Window + 10, 15);
        Assert.Equal(10, updates.Prices.Length);
        Assert.Equal(series.Bars[Options.Window + 10].Date, updates.Prices[0].Date);
        Bits.Equal(series.Bars[^1].Close, updates.Prices[^1].Close, "close");
        Assert.Equal(Options.Window + 20 - Options.Window - 15, updates.Forecasts.Length);
        Assert.Equal(series.Bars[Options.Window + 15].Date, updates.Forecasts[0].OriginDate);
        Assert.Empty((await pair.GetUpdatesAsync(10_000, 10_000)).Prices);
        await Assert.ThrowsAsync<RiskGridException>(() => pair.GetForecastsAsync(-1, 5));
    }

    [Fact]
    public async Task Reset_forgets_everything()
    {
        var (pair, instrument, universe) = await NewPairAsync("hs");
        await universe.PushAsync(TestSeries.Prices(TestSeries.Create(instrument, 30, seed: 10)));
        await pair.ResetAsync();
        var status = await pair.GetStatusAsync();
        Assert.Null(status.Settings);
        Assert.Equal(0, status.BarsSeen);
    }

    private static async Task AssertUnchanged(IInstrumentModelGrain pair, PairStatus before)
    {
        var after = await pair.GetStatusAsync();
        Assert.Equal(before.BarsSeen, after.BarsSeen);
        Assert.Equal(before.LastDate, after.LastDate);
        Assert.Equal(before.Forecasts, after.Forecasts);
        Assert.Equal(before.RealizedForecasts, after.RealizedForecasts);
        Assert.Equal(before.FitAttempts, after.FitAttempts);
        Assert.Equal(before.LastForecast?.VaR, after.LastForecast?.VaR);
    }
}
