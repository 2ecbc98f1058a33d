using System.Diagnostics;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.GridBench;

/// <summary>
/// <c>GridBench state</c>: what a one-day push writes as history grows, on one silo process against a real
/// Redis: bytes Redis received (INFO stats total_net_input_bytes) and the wall time of a one-day push of
/// instruments × 3 models after 250 and after 2,000 days, and Redis memory per pair. Bounded state means
/// the ratios stay near 1.
/// </summary>
public static class StateBench
{
    public static async Task RunAsync(string redis, int instruments, int window)
    {
        string[] models = ["hs", "ewma", "normal"];
        int[] checkpoints = [250, 2000];
        var days = checkpoints[^1] + 2;
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days });
        var options = new RollingOptions { Window = window, RefitEvery = 1, Alphas = [0.95, 0.99] };
        Console.WriteLine($"GridBench state: {instruments} instruments × {models.Length} models, window {window}, one silo process on Redis {redis}; " +
                          $"one-day pushes after {string.Join(" and ", checkpoints)} days of history");
        var (connection, silos, clusterId) = await Grids.StartProcessesAsync(1, redis);
        try
        {
            await using var redisStats = await RedisStats.ConnectAsync(redis);
            var client = connection.Client;
            var universe = $"state-{Guid.NewGuid():N}"[..14];
            await client.DefineUniverseAsync(universe, CoreMapping.ToSettings(options), models, [.. data.Select(s => s.Instrument)]);
            var backfill = new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = 50 });
            var done = 0;
            var rows = new List<(int History, long Bytes, TimeSpan Time, double MemoryPerPair)>();
            foreach (var history in checkpoints)
            {
                await backfill.PushSeriesAsync(universe, Slice(data, done, history - done));
                done = history;
                // Two one-day pushes; the second is measured (the first may still close a chunk begun in the backfill).
                await client.PushAsync(universe, Slice(data, done++, 1));
                var before = await redisStats.NetInputAsync();
                var clock = Stopwatch.StartNew();
                await client.PushAsync(universe, Slice(data, done++, 1));
                var time = clock.Elapsed;
                var bytes = await redisStats.NetInputAsync() - before;
                var memory = await redisStats.UsedMemoryAsync();
                rows.Add((history, bytes, time, (double)memory / (instruments * models.Length)));
                Console.WriteLine($"  after {history,5} days: one-day push wrote {bytes / 1e6,8:0.00} MB in {time.TotalSeconds,6:0.00} s; " +
                                  $"Redis used_memory {memory / 1e6:0.0} MB ({memory / (double)(instruments * models.Length) / 1e3:0.0} kB per pair)");
            }

            Console.WriteLine($"  ratio {checkpoints[^1]} / {checkpoints[0]} days: bytes {rows[^1].Bytes / (double)rows[0].Bytes:0.00}×, " +
                              $"wall time {rows[^1].Time / rows[0].Time:0.00}× (targets ≤ 1.2×; the machine may be shared)");
        }
        finally
        {
            await connection.DisposeAsync();
            await Grids.StopProcessesAsync(silos, redis, clusterId);
        }
    }

    private static InstrumentPrices[] Slice(IReadOnlyList<PriceSeries> data, int start, int count) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, [.. s.Bars.Skip(start).Take(count).Select(b => b.ToMessage())]))];
}
