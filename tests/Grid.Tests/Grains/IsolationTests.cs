using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

/// <summary>Universes are isolated, pushes are all-or-nothing, and an instrument's accepted prices are the one truth its pairs read.</summary>
[Collection(GridCollection.Name)]
public sealed class IsolationTests(GridFixture grid)
{
    private static readonly RollingOptions Short = new() { Window = 60, RefitEvery = 1, Alphas = [0.99] };
    private static readonly RollingOptions Long = new() { Window = 100, RefitEvery = 3, Alphas = [0.95, 0.99] };

    [Fact]
    public async Task Two_universes_hold_the_same_instrument_with_other_models_and_windows_and_a_reset_touches_only_its_own()
    {
        var instrument = TestSeries.Unique("PX");
        var one = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Short), ["hs", "ewma"], instrument);
        var two = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Long), ["ewma", "normal"], instrument);
        var series = TestSeries.Create(instrument, 180, seed: 51);
        var prices = TestSeries.Prices(series);
        await one.PushAsync(prices);
        await two.PushAsync(prices[..150]);

        // A push refused in one universe (a conflicting old day) changes nothing in either.
        var conflict = prices[20] with { Close = prices[20].Close * 2 };
        await Assert.ThrowsAsync<PriceRejectedException>(() => two.PushAsync([conflict, .. prices[150..]]));
        Assert.Equal(150, (await two.Pair("ewma").GetStatusAsync()).BarsSeen);

        // Another series for the same name in the other universe is its own business.
        await two.Grain.ResetAsync();
        await two.Grain.ConfigureAsync(CoreMapping.ToSettings(Long), ["ewma", "normal"]);
        await two.Grain.AddInstrumentsAsync([instrument]);
        var other = TestSeries.Create(instrument, 160, seed: 52);
        await two.PushAsync(TestSeries.Prices(other));

        foreach (var model in new[] { "hs", "ewma" })
        {
            Bits.Identical(RollingEngine.RunPair(series, ModelCatalog.Create(model), Short).Forecasts,
                await GridReads.ForecastsAsync(one.Pair(model)), $"{one.Name} {model}");
        }

        foreach (var model in new[] { "ewma", "normal" })
        {
            Bits.Identical(RollingEngine.RunPair(other, ModelCatalog.Create(model), Long).Forecasts,
                await GridReads.ForecastsAsync(two.Pair(model)), $"{two.Name} {model}");
        }

        await one.Grain.ResetAsync();
        Assert.Null((await one.Pair("ewma").GetStatusAsync()).Settings);
        Assert.Equal(other.Count, (await two.Pair("ewma").GetStatusAsync()).BarsSeen);
        Assert.Equal(0, (await grid.Client.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(one.Name, instrument)).GetStatusAsync()).Count);
        Assert.Equal(other.Count, (await grid.Client.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(two.Name, instrument)).GetStatusAsync()).Count);
    }

    [Fact]
    public async Task A_pair_that_missed_accepted_prices_reads_them_from_its_instrument_on_the_next_push()
    {
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Short), ["hs", "ewma"]);
        var series = TestSeries.Create(universe.Instrument, 150, seed: 53);
        var prices = TestSeries.Prices(series);
        await universe.PushAsync(prices[..90]);

        // As when the coordinator's silo dies after the instrument accepted a batch and before the pairs took it.
        var instrument = grid.Client.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(universe.Name, universe.Instrument));
        await instrument.AcceptAsync(prices[90..130]);
        Assert.Equal(90, (await universe.Pair("hs").GetStatusAsync()).BarsSeen);

        // Reactivated meanwhile, a pair reads its window from the instrument (which is ahead of it) up to its own last price.
        await grid.Cluster.DeactivateAsync(universe.Pair("hs"));

        // The resend is all known prices; the next push is new ones: either way the pairs catch up.
        var resend = await universe.PushAsync(prices[100..130]);
        Assert.Equal(2 * 40L, resend.PairUpdates);
        await universe.PushAsync(prices[130..]);
        foreach (var model in new[] { "hs", "ewma" })
        {
            Bits.Identical(RollingEngine.RunPair(series, ModelCatalog.Create(model), Short).Forecasts,
                await GridReads.ForecastsAsync(universe.Pair(model)), model);
        }
    }

    [Fact]
    public async Task A_pairs_record_holds_at_most_one_chunk_of_forecasts_however_long_it_lives()
    {
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Short), ["ewma"]);
        var series = TestSeries.Create(universe.Instrument, Short.Window + 20 * GridFixture.ChunkDays + 7, seed: 54);
        var prices = TestSeries.Prices(series);
        for (var day = 0; day < prices.Length; day += 37)
        {
            await universe.PushAsync(prices[day..Math.Min(prices.Length, day + 37)]);
        }

        var pair = universe.Pair("ewma");
        await grid.Cluster.DeactivateAsync(pair);
        var page = await pair.GetForecastsAsync(5 * GridFixture.ChunkDays - 3, 10);
        var core = RollingEngine.RunPair(series, ModelCatalog.Create("ewma"), Short);
        Bits.Identical(core.Forecasts.Skip(5 * GridFixture.ChunkDays - 3).Take(10).ToArray(), [.. page.Entries.Select(e => e.ToCore())], "page");
        Assert.Equal(core.Forecasts.Count, page.Total);

        var storage = Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(
            grid.Cluster.GetSiloServiceProvider(grid.Cluster.Silos[0].SiloAddress), RiskGridStorage.Name);
        var record = new GrainState<RiskGrid.Grains.State.PairGrainState>();
        await storage.ReadStateAsync("pair", pair.GetGrainId(), record);
        Assert.InRange(record.State!.Pair.Forecasts.Count, 1, GridFixture.ChunkDays);
        Assert.Equal(core.Forecasts.Count / GridFixture.ChunkDays - (core.Forecasts.Count % GridFixture.ChunkDays == 0 ? 1 : 0), record.State.ClosedChunks);
        Assert.Empty(record.State.Pair.Bars); // the window is the instrument's last prices, read back on activation
    }
}
