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
/// State written by the release whose pair record packed its window's bars (pair state version 3) still loads, and
/// a grid that finds it continues exactly like the Core engine, rewriting each pair record without its bars (version
/// 4) and, once reactivated, reading its window back from the instrument's prices.
/// </summary>
[Collection(GridCollection.Name)]
public sealed class GoldenStateV3Tests(GridFixture grid)
{
    private static readonly string[] Models = ["hs", "ewma", "garch-t"];

    [Theory]
    [InlineData("hs")]
    [InlineData("ewma")]
    [InlineData("garch-t")]
    public void Version_3_pair_state_and_its_chunk_load_with_the_window_every_forecast_and_the_backtests(string model)
    {
        var (state, chunk, _, core) = GoldenStates.LoadBoundedPair(model, 3);
        if (model != "hs")
        {
            // Parametric models record each forecast's predictive law (historical simulation has none).
            Assert.All(chunk.Forecasts.Concat(state.Pair.Forecasts).Where(f => !double.IsNaN(f.VaR[0])), f => Assert.NotNull(f.Law));
        }

        if (model != "garch-t")
        {
            // Closed-form models: today's Core engine computes what was stored, laws included.
            Bits.Identical(core.State.Forecasts, [.. chunk.Forecasts, .. state.Pair.Forecasts], model);
        }
    }

    [Fact]
    public async Task A_grid_that_finds_version_3_state_continues_like_the_core_engine_and_reads_its_window_back_from_the_instrument()
    {
        var name = TestSeries.Unique("v3");
        var instrument = "GOLD";
        var silo = grid.Cluster.GetSiloServiceProvider(grid.Cluster.Silos[0].SiloAddress);
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(RiskGridStorage.Name);
        var universe = await GoldenStates.WriteUniverseAsync(storage, grid.Client, name, instrument, Models, pairVersion: 3);
        foreach (var model in Models)
        {
            // Stored as the version-3 release stored it: the record brings its window.
            var written = new GrainState<PairGrainState>();
            await storage.ReadStateAsync("pair", grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model)).GetGrainId(), written);
            Assert.Equal(GoldenStates.CorePair(model).State.Bars, written.State!.Pair.Bars);
        }

        var longer = TestSeries.Create(instrument, GoldenStates.Days + 60, seed: 90);
        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days - 5, 35))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var record = new GrainState<PairGrainState>();
            await storage.ReadStateAsync("pair", pair.GetGrainId(), record);
            Assert.Equal(StateVersions.Pair, record.State!.Version);
            Assert.Empty(record.State.Pair.Bars);
            Assert.Equal(GoldenStates.Days + 30, record.State.Pair.BarsSeen);
            // Reactivated, the pair reads its window from the instrument's prices.
            await grid.Cluster.DeactivateAsync(pair);
        }

        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days + 30, 30))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var closed = GoldenStates.Load<ForecastChunk>($"pair-{model}.v3.chunk0.bin").Forecasts;
            // The Core kernel resumed from the stored record (its window, its open forecasts, its fit) and fed the same new days.
            var core = new RollingPair(ModelCatalog.Create(model), GoldenStates.Options, instrument, GoldenStates.Load<PairGrainState>($"pair-{model}.v3.bin").Pair);
            foreach (var bar in longer.Bars.Skip(GoldenStates.Days))
            {
                core.Append(bar);
            }

            List<ForecastRecord> expected = [.. closed, .. core.State.Forecasts];
            Bits.Identical(expected, await GridReads.ForecastsAsync(pair), model);
            Assert.Equal(Backtester.Summarize(expected, GoldenStates.Alphas)[1].ToMessage(), await pair.GetBacktestAsync(0.99));
            Assert.Equal(longer.Count, (await pair.GetStatusAsync()).BarsSeen);
        }
    }
}
