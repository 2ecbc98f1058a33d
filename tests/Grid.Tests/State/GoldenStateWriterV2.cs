using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.State;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// Writes the version-2 golden files (pair record, its closed forecast chunk, the instrument's price record)
/// from the state types of this release (run with RISKGRID_WRITE_GOLDEN=2). Kept only in the commit that
/// wrote them: later releases read them, never rewrite them.
/// </summary>
public sealed class GoldenStateWriterV2
{
    [Fact]
    public void Write_the_version_2_golden_state_files_of_this_release()
    {
        if (Environment.GetEnvironmentVariable("RISKGRID_WRITE_GOLDEN") != "2")
        {
            return;
        }

        const int chunkDays = GoldenStates.V2ChunkDays;
        var serializer = GoldenStates.Serializer();
        var series = TestSeries.Create("GOLD", GoldenStates.Days, seed: 90);
        foreach (var model in new[] { "hs", "ewma", "garch-t" })
        {
            var pair = new Core.Engine.RollingPair(ModelCatalog.Create(model), GoldenStates.Options, "GOLD");
            foreach (var bar in series.Bars)
            {
                pair.Append(bar);
            }

            var all = pair.State.Forecasts.ToList();
            var closed = (all.Count - 1) / chunkDays;
            pair.State.Forecasts.RemoveRange(0, closed * chunkDays);
            var state = new PairGrainState
            {
                Settings = CoreMapping.ToSettings(GoldenStates.Options),
                Pair = pair.State,
                FitTicks = 12345,
                Version = 2,
                ChunkDays = chunkDays,
                ClosedChunks = closed,
                FirstDate = series.Bars[0].Date,
                Backtests = BacktestAccumulator.Of(all, GoldenStates.Alphas),
                BacktestsFed = all[^1].IsRealized ? all.Count : all.Count - 1,
            };
            File.WriteAllBytes(Path.Combine(GoldenStates.Folder, $"pair-{model}.v2.bin"), serializer.Serialize(state).ToArray());
            File.WriteAllBytes(Path.Combine(GoldenStates.Folder, $"pair-{model}.v2.chunk0.bin"),
                serializer.Serialize(new ForecastChunk { Forecasts = all.GetRange(0, chunkDays) }).ToArray());
            File.WriteAllLines(Path.Combine(GoldenStates.Folder, $"pair-{model}.v2.forecasts.txt"),
                ["# forecasts of the v2 golden pair (all chunks and the open list), doubles as 64-bit patterns", .. all.Select(GoldenStates.FormatForecast)]);
        }

        var prices = series.Bars.Select(b => new DailyPrice(b.Date, b.Open, b.High, b.Low, b.Close)).ToList();
        var closedPrices = prices.Count / chunkDays;
        var instrument = new InstrumentPricesState
        {
            ChunkDays = chunkDays,
            ClosedChunks = closedPrices,
            Open = prices.GetRange(closedPrices * chunkDays, prices.Count - closedPrices * chunkDays),
            FirstDate = prices[0].Date,
            LastClosedDate = prices[closedPrices * chunkDays - 1].Date,
        };
        File.WriteAllBytes(Path.Combine(GoldenStates.Folder, "prices.v1.bin"), serializer.Serialize(instrument).ToArray());
        File.WriteAllBytes(Path.Combine(GoldenStates.Folder, "prices.v1.chunk0.bin"),
            serializer.Serialize(new PriceChunk { Prices = prices.GetRange(0, chunkDays) }).ToArray());
    }
}
