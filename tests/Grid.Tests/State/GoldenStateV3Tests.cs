using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
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
    private static readonly string[] Models = GoldenStates.Models;

    [Theory]
    [MemberData(nameof(GoldenStates.ModelCases), MemberType = typeof(GoldenStates))]
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
            // Closed-form models: today's Core engine computes what was stored, laws included, but hs's PITs: the release
            // that wrote the file gave the window's type-7 CDF, today's Core the randomised rank PIT (RankPit); and the
            // laws' forecast maps (ewma's GARCH recursion), which that release did not record (the file has packed layout 2).
            List<ForecastRecord> written = [.. chunk.Forecasts, .. state.Pair.Forecasts];
            Assert.All(written, f => Assert.False(f.Law?.HasProcess ?? false));
            var computed = WithoutMaps(core.State.Forecasts);
            Bits.Identical(model == "hs" ? WithoutPits(computed) : computed, model == "hs" ? WithoutPits(written) : written, model);
        }
    }

    private static List<ForecastRecord> WithoutMaps(IEnumerable<ForecastRecord> forecasts) =>
        [.. forecasts.Select(f => f.Law is { HasProcess: true } law ? f with { Law = law with { Process = null, ProcessParameters = [] } } : f)];

    private static List<ForecastRecord> WithoutPits(IEnumerable<ForecastRecord> forecasts) => [.. forecasts.Select(f => f with { Pit = double.NaN })];

    [Fact]
    public async Task A_grid_that_finds_version_3_state_continues_like_the_core_engine_and_reads_its_window_back_from_the_instrument()
    {
        var name = TestSeries.Unique("v3");
        var instrument = "GOLD";
        var storage = GoldenStates.Storage(grid);
        var universe = await GoldenStates.WriteUniverseAsync(storage, grid.Client, name, instrument, Models, pairVersion: 3);
        foreach (var model in Models)
        {
            // Stored as the version-3 release stored it: the record brings its window.
            var written = await GoldenStates.ReadPairAsync(storage, grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model)).GetGrainId());
            Assert.Equal(GoldenStates.CorePair(model).State.Bars, written.Pair.Bars);
        }

        var longer = TestSeries.Create(instrument, GoldenStates.Days + 60, seed: 90);
        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days - 5, 35))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var record = await GoldenStates.ReadPairAsync(storage, pair.GetGrainId());
            Assert.Equal(StateVersions.Pair, record.Version);
            Assert.Empty(record.Pair.Bars);
            Assert.Equal(GoldenStates.Days + 30, record.Pair.BarsSeen);
            // Reactivated, the pair reads its window from the instrument's prices.
            await grid.Cluster.DeactivateAsync(pair);
        }

        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days + 30, 30))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var closed = GoldenStates.Load<ForecastChunk>($"pair-{model}.v3.chunk0.bin").Forecasts;
            // The Core kernel resumed from the stored record (its window, its open forecasts, its fit) and fed the same new days.
            var core = GoldenStates.Resumed(model, 3, longer);

            List<ForecastRecord> expected = [.. closed, .. core.State.Forecasts];
            await GoldenStates.AssertHoldsAsync(pair, expected, model);
            Assert.Equal(longer.Count, (await pair.GetStatusAsync()).BarsSeen);
        }
    }
}
