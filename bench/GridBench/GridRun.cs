using System.Diagnostics;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.GridBench;

/// <summary>One run of the benchmark's work through a grid with the client SDK: backfill in multi-day
/// pushes, then the last days one push per day, then a bit-for-bit check against the Core engine.</summary>
public static class GridRun
{
    /// <summary>Wall times of the backfill and the live pushes, and this process's CPU time over each (what an
    /// embedded silo costs, less sensitive to other work on a shared machine than wall time).</summary>
    public static async Task<(TimeSpan Backfill, TimeSpan Live, TimeSpan BackfillCpu, TimeSpan LiveCpu)> RunAsync(RiskGridConnection connection, IReadOnlyList<PriceSeries> data,
        IReadOnlyList<string> models, RollingOptions options, BenchOptions bench, IReadOnlyList<PairRun> core)
    {
        // Pairs are keyed by instrument and model across the grid: every run gets instruments of its own.
        var run = $"r{Guid.NewGuid():N}"[..9] + ".";
        var universe = $"bench-{run}";
        var client = connection.Client;
        await client.DefineUniverseAsync(universe, CoreMapping.ToSettings(options), models, [.. data.Select(s => run + s.Instrument)]);
        var liveFrom = data[0].Count - bench.LiveDays;

        var clock = Stopwatch.StartNew();
        var cpu = Cpu();
        await new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = bench.DaysPerPush })
            .PushSeriesAsync(universe, Slice(data, run, 0, liveFrom));
        var backfill = clock.Elapsed;
        var backfillCpu = Cpu() - cpu;
        clock.Restart();
        cpu = Cpu();
        await new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = 1 })
            .PushSeriesAsync(universe, Slice(data, run, liveFrom, bench.LiveDays));
        var live = clock.Elapsed;
        var liveCpu = Cpu() - cpu;

        await VerifyAsync(client, universe, run, core);
        return (backfill, live, backfillCpu, liveCpu);
    }

    public static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static InstrumentPrices[] Slice(IReadOnlyList<PriceSeries> data, string prefix, int start, int count) =>
        [.. data.Select(s => new InstrumentPrices(prefix + s.Instrument, [.. s.Bars.Skip(start).Take(count).Select(b => b.ToMessage())]))];

    // The grid's results must equal the Core engine's to the last bit; a benchmark of wrong results is worthless.
    private static async Task VerifyAsync(RiskGridClient client, string universe, string prefix, IReadOnlyList<PairRun> core)
    {
        foreach (var run in core)
        {
            var history = await client.GetForecastHistoryAsync(universe, prefix + run.Instrument, run.Model);
            if (history.Count != run.Forecasts.Count)
            {
                throw new InvalidOperationException($"{run.Instrument}/{run.Model}: {history.Count} forecasts in the grid, {run.Forecasts.Count} in the engine");
            }

            for (var i = 0; i < history.Count; i++)
            {
                var (g, c) = (history[i], run.Forecasts[i]);
                if (!Same(g.VaR, c.VaR) || !Same(g.ES, c.ES) || !Same([g.Realized], [c.Realized]))
                {
                    throw new InvalidOperationException($"{run.Instrument}/{run.Model}: forecast {i} differs from the Core engine");
                }
            }
        }
    }

    private static bool Same(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
}
