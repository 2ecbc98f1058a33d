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
        // 540 and 4,040 days: the pair records hold ~40 open forecasts of a 50-day chunk in both (at a multiple of 50 they hold
        // none), so the record sizes compared are near the most a record holds.
        int[] checkpoints = [250, 540, 2000, 4040];
        var days = checkpoints[^1] + 2;
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days });
        var options = new RollingOptions { Window = window, RefitEvery = 1, Alphas = [0.95, 0.99] };
        Console.WriteLine($"GridBench state: {instruments} instruments × {models.Length} models, window {window}, one silo process on Redis {redis}; " +
                          $"one-day pushes after {string.Join(", ", checkpoints)} days of history");
        var (connection, silos, clusterId) = await Grids.StartProcessesAsync(1, redis);
        try
        {
            await using var redisStats = await RedisStats.ConnectAsync(redis);
            var client = connection.Client;
            var universe = $"state-{Guid.NewGuid():N}"[..14];
            await client.DefineUniverseAsync(universe, CoreMapping.ToSettings(options), models, [.. data.Select(s => s.Instrument)]);
            var backfill = new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = 50 });
            var done = 0;
            var rows = new List<(int History, long Bytes, TimeSpan Time, double MemoryPerPair, double RecordBytes)>();
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
                // A pair's stored state: its record (settings, fit, accumulators, the open forecasts), not its closed chunks ("#n").
                var (recordBytes, records) = await redisStats.KeyMemoryAsync($"{universe}/{data[0].Instrument}/", "#");
                rows.Add((history, bytes, time, (double)memory / (instruments * models.Length), (double)recordBytes / Math.Max(1, records)));
                Console.WriteLine($"  after {history,5} days: one-day push wrote {bytes / 1e6,8:0.00} MB in {time.TotalSeconds,6:0.00} s; " +
                                  $"Redis used_memory {memory / 1e6:0.0} MB ({memory / (double)(instruments * models.Length) / 1e3:0.0} kB per pair); " +
                                  $"a record {rows[^1].RecordBytes / 1e3:0.0} kB (mean of the {records} under {data[0].Instrument}: its pairs and its instrument)");
            }

            (int History, long Bytes, TimeSpan Time, double MemoryPerPair, double RecordBytes) At(int days) => rows.Single(r => r.History == days);
            Console.WriteLine($"  ratio 2000 / 250 days: bytes written {At(2000).Bytes / (double)At(250).Bytes:0.00}×, " +
                              $"wall time {At(2000).Time / At(250).Time:0.00}×; ratio 4040 / 540 days: a pair's stored record " +
                              $"{At(4040).RecordBytes / At(540).RecordBytes:0.00}× (targets ≤ 1.2×; the machine may be shared)");
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
