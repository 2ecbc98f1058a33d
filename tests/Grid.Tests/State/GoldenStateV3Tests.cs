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
        var state = GoldenStates.Load<PairGrainState>($"pair-{model}.v3.bin");
        var chunk = GoldenStates.Load<ForecastChunk>($"pair-{model}.v3.chunk0.bin");
        var stored = GoldenStates.StoredForecasts(model, 3);
        Assert.Equal(3, state.Version);
        Assert.Equal(GoldenStates.V2ChunkDays, state.ChunkDays);
        Assert.Equal(1, state.ClosedChunks);
        Assert.Equal(stored.Count, state.ForecastCount);
        // (The forecasts file records no laws; the packed records carry them.)
        Bits.Identical([.. stored.Take(GoldenStates.V2ChunkDays)], [.. chunk.Forecasts.Select(f => f with { Law = null })], $"{model} chunk 0");
        Bits.Identical([.. stored.Skip(GoldenStates.V2ChunkDays)], [.. state.Pair.Forecasts.Select(f => f with { Law = null })], $"{model} open forecasts");
        if (model != "hs")
        {
            // Parametric models record each forecast's predictive law (historical simulation has none).
            Assert.All(chunk.Forecasts.Concat(state.Pair.Forecasts).Where(f => !double.IsNaN(f.VaR[0])), f => Assert.NotNull(f.Law));
        }
        Assert.Equal(BacktestAccumulator.Of(stored, GoldenStates.Alphas).Select(b => b.Figures()), state.Backtests!.Select(b => b.Figures()));
        var core = GoldenStates.CorePair(model);
        Assert.Equal(GoldenStates.Days, state.Pair.BarsSeen);
        Assert.Equal(core.State.Bars, state.Pair.Bars);
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
        var pricesKey = UniverseKey.Of(name, instrument);
        await storage.WriteStateAsync("prices", grid.Client.GetGrain<IInstrumentPricesGrain>(pricesKey).GetGrainId(),
            new GrainState<InstrumentPricesState>(GoldenStates.Load<InstrumentPricesState>("prices.v1.bin")));
        await storage.WriteStateAsync("prices", GrainId.Create(ChunkStore<PriceChunk>.GrainType, $"{pricesKey}#0"),
            new GrainState<PriceChunk>(GoldenStates.Load<PriceChunk>("prices.v1.chunk0.bin")));
        foreach (var model in Models)
        {
            var key = PairKey.Of(name, instrument, model);
            var golden = GoldenStates.Load<PairGrainState>($"pair-{model}.v3.bin");
            await storage.WriteStateAsync("pair", grid.Client.GetGrain<IInstrumentModelGrain>(key).GetGrainId(), new GrainState<PairGrainState>(golden));
            await storage.WriteStateAsync("forecasts", GrainId.Create(ChunkStore<ForecastChunk>.GrainType, $"{key}#0"),
                new GrainState<ForecastChunk>(GoldenStates.Load<ForecastChunk>($"pair-{model}.v3.chunk0.bin")));

            // Stored as the version-3 release stored it: the record brings its window.
            var written = new GrainState<PairGrainState>();
            await storage.ReadStateAsync("pair", grid.Client.GetGrain<IInstrumentModelGrain>(key).GetGrainId(), written);
            Assert.Equal(golden.Pair.Bars, written.State!.Pair.Bars);
        }

        await storage.WriteStateAsync("universe", grid.Client.GetGrain<IUniverseGrain>(name).GetGrainId(),
            new GrainState<UniverseGrainState>(new UniverseGrainState
            {
                Version = StateVersions.Universe,
                Settings = CoreMapping.ToSettings(GoldenStates.Options),
                Models = [.. Models],
                Instruments = [instrument],
                HasPrices = true,
            }));

        var universe = grid.Client.GetGrain<IUniverseGrain>(name);
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
