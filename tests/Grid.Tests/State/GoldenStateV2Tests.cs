using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Storage;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// State written by the bounded release (pair state version 2: 250-day forecast chunks, incremental backtests;
/// instrument prices version 1) still loads, and a grid that finds it continues exactly like the Core engine,
/// rewriting each pair record in the current (packed) layout on its next write.
/// </summary>
[Collection(GridCollection.Name)]
public sealed class GoldenStateV2Tests(GridFixture grid)
{
    private static readonly string[] Models = ["hs", "ewma", "garch-t"];

    [Theory]
    [InlineData("hs")]
    [InlineData("ewma")]
    [InlineData("garch-t")]
    public void Version_2_pair_state_and_its_chunk_load_with_every_forecast_and_the_backtests(string model)
    {
        var (_, _, stored, core) = GoldenStates.LoadBoundedPair(model, 2);
        if (model != "garch-t")
        {
            // Closed-form models: today's Core engine computes what was stored, but for the PITs historical
            // simulation and EWMA gained after that release, and EWMA's law.
            Bits.Identical([.. core.State.Forecasts.Select(f => f with { Pit = double.NaN, Law = null })], stored, model);
        }

        var prices = GoldenStates.Load<InstrumentPricesState>("prices.v1.bin");
        var priceChunk = GoldenStates.Load<PriceChunk>("prices.v1.chunk0.bin");
        var series = TestSeries.Create("GOLD", GoldenStates.Days, seed: 90);
        Assert.Equal(GoldenStates.Days, prices.Count);
        Assert.Equal(series.Bars.Select(b => Bits.Of(b.Close)), priceChunk.Prices.Concat(prices.Open).Select(p => Bits.Of(p.Close)));
    }

    [Fact]
    public async Task A_grid_that_finds_version_2_state_continues_like_the_core_engine_and_rewrites_it_packed()
    {
        var name = TestSeries.Unique("v2");
        var instrument = "GOLD";
        var silo = grid.Cluster.GetSiloServiceProvider(grid.Cluster.Silos[0].SiloAddress);
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(RiskGridStorage.Name);
        var universe = await GoldenStates.WriteUniverseAsync(storage, grid.Client, name, instrument, Models, pairVersion: 2);
        var longer = TestSeries.Create(instrument, GoldenStates.Days + 40, seed: 90);
        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days - 5, 45))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var stored = GoldenStates.StoredForecasts(model, 2);
            // The Core kernel resumed from the stored record (its open forecasts, its fit) and fed the same new days.
            var core = new RollingPair(ModelCatalog.Create(model), GoldenStates.Options, instrument, GoldenStates.Load<PairGrainState>($"pair-{model}.v2.bin").Pair);
            foreach (var bar in longer.Bars.Skip(GoldenStates.Days))
            {
                core.Append(bar);
            }

            List<ForecastRecord> expected = [.. stored.Take(GoldenStates.V2ChunkDays), .. core.State.Forecasts];
            Bits.Identical(expected, await GridReads.ForecastsAsync(pair), model);
            Assert.Equal(Backtester.Summarize(expected, GoldenStates.Alphas)[1].ToMessage(), await pair.GetBacktestAsync(0.99));

            var record = new GrainState<PairGrainState>();
            await storage.ReadStateAsync("pair", pair.GetGrainId(), record);
            Assert.Equal(StateVersions.Pair, record.State!.Version);
            Assert.Equal(GoldenStates.V2ChunkDays, record.State.ChunkDays);
            Assert.Equal(BacktestAccumulator.Of(expected, GoldenStates.Alphas).Select(b => b.Figures()), record.State.Backtests!.Select(b => b.Figures()));
            Assert.Equal(longer.Count, (await pair.GetStatusAsync()).BarsSeen);
        }
    }
}
