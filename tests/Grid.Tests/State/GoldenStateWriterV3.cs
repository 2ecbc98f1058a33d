using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// Writes the version-3 golden files (pair record with its packed window and open forecasts, and its closed
/// forecast chunk, packed) from the state types of this release (run with RISKGRID_WRITE_GOLDEN=3). Kept only in
/// the commit that wrote them: later releases read them, never rewrite them. The instrument's prices are the
/// version-1 golden files (250-day chunks), so these pairs use 250-day chunks too.
/// </summary>
public sealed class GoldenStateWriterV3
{
    [Fact]
    public void Write_the_version_3_golden_state_files_of_this_release()
    {
        if (Environment.GetEnvironmentVariable("RISKGRID_WRITE_GOLDEN") != "3")
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
                Version = 3,
                ChunkDays = chunkDays,
                ClosedChunks = closed,
                FirstDate = series.Bars[0].Date,
                Backtests = BacktestAccumulator.Of(all, GoldenStates.Alphas),
                BacktestsFed = all[^1].IsRealized ? all.Count : all.Count - 1,
            };
            File.WriteAllBytes(Path.Combine(GoldenStates.Folder, $"pair-{model}.v3.bin"), serializer.Serialize(state).ToArray());
            File.WriteAllBytes(Path.Combine(GoldenStates.Folder, $"pair-{model}.v3.chunk0.bin"),
                serializer.Serialize(ForecastChunk.Of(all.GetRange(0, chunkDays))).ToArray());
            File.WriteAllLines(Path.Combine(GoldenStates.Folder, $"pair-{model}.v3.forecasts.txt"),
                ["# forecasts of the v3 golden pair (all chunks and the open list), doubles as 64-bit patterns", .. all.Select(GoldenStates.FormatForecast)]);
        }
    }
}
