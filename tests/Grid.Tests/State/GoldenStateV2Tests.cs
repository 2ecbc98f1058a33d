using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
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
    private static readonly string[] Models = GoldenStates.Models;

    [Theory]
    [MemberData(nameof(GoldenStates.ModelCases), MemberType = typeof(GoldenStates))]
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
        var storage = GoldenStates.Storage(grid);
        var universe = await GoldenStates.WriteUniverseAsync(storage, grid.Client, name, instrument, Models, pairVersion: 2);
        var longer = TestSeries.Create(instrument, GoldenStates.Days + 40, seed: 90);
        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days - 5, 45))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            var stored = GoldenStates.StoredForecasts(model, 2);
            // The Core kernel resumed from the stored record (its open forecasts, its fit) and fed the same new days.
            var core = GoldenStates.Resumed(model, 2, longer);

            List<ForecastRecord> expected = [.. stored.Take(GoldenStates.V2ChunkDays), .. core.State.Forecasts];
            await GoldenStates.AssertHoldsAsync(pair, expected, model);

            var record = await GoldenStates.ReadPairAsync(storage, pair.GetGrainId());
            Assert.Equal(StateVersions.Pair, record.Version);
            Assert.Equal(GoldenStates.V2ChunkDays, record.ChunkDays);
            Assert.Equal(BacktestAccumulator.Of(expected, GoldenStates.Alphas).Select(b => b.Figures()), record.Backtests!.Select(b => b.Figures()));
            Assert.Equal(longer.Count, (await pair.GetStatusAsync()).BarsSeen);
        }
    }
}
