using System.Diagnostics;
using System.Globalization;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Testing;

namespace RiskGrid.GridBench;

/// <summary>
/// <c>GridBench scale</c>: a large universe on one silo process against a real Redis. The first window's days go
/// in multi-day pushes (nothing is forecast yet), then every later day is one push of every instrument, the live
/// pattern. Prints pair updates per second against the Core engine on the same work, Redis memory per pair
/// (INFO memory), bytes Redis received per daily push, the silo's resident memory, and the wall time of the first and
/// the last 100 daily pushes, which bounded state keeps flat as history grows. Defaults: 5,000 instruments × hs, ewma,
/// normal, window 250, 1,000 days; <c>--quick</c>: 300 instruments, 450 days.
/// </summary>
public static class ScaleBench
{
    private static readonly string[] Models = ["hs", "ewma", "normal"];

    public static async Task RunAsync(string redis, int instruments, int days, int window)
    {
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = instruments, Days = days });
        var options = new RollingOptions { Window = window, RefitEvery = 1, Alphas = [0.95, 0.99] };
        var pairs = instruments * Models.Length;
        var daily = days - window - 1;
        if (daily < 2)
        {
            throw new ArgumentException($"--days ({days}) must leave daily pushes after the window ({window})");
        }

        Console.WriteLine($"GridBench scale: {instruments:N0} instruments × {Models.Length} models ({string.Join(", ", Models)}) = {pairs:N0} pairs, " +
                          $"window {window}, {days:N0} days: {window + 1} in pushes of 50 days, then {daily:N0} one-day pushes; one silo process on Redis; " +
                          $"{Environment.ProcessorCount} cores");

        var clock = Stopwatch.StartNew();
        RollingEngine.Run(data, Models, options);
        var coreTime = clock.Elapsed;
        long updates = (long)pairs * days;
        Console.WriteLine($"  core engine: {coreTime.TotalSeconds:0.0} s ({updates / coreTime.TotalSeconds:N0} pair updates/s)");

        var (connection, silos, clusterId) = await Grids.StartProcessesAsync(1, redis);
        try
        {
            await using var redisStats = await RedisStats.ConnectAsync(redis);
            var memoryBefore = await redisStats.UsedMemoryAsync();
            var client = connection.Client;
            var universe = $"scale-{Guid.NewGuid():N}"[..15];
            await client.DefineUniverseAsync(universe, CoreMapping.ToSettings(options), Models, [.. data.Select(s => s.Instrument)]);

            clock.Restart();
            await new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = 50 }).PushSeriesAsync(universe, Slice(data, 0, window + 1));
            var times = new List<TimeSpan>(daily);
            var bytes = new List<long>(daily);
            for (var day = window + 1; day < days; day++)
            {
                var input = await redisStats.NetInputAsync();
                var push = Stopwatch.StartNew();
                await client.PushAsync(universe, Slice(data, day, 1));
                times.Add(push.Elapsed);
                bytes.Add(await redisStats.NetInputAsync() - input);
                if (times.Count % 100 == 0)
                {
                    Console.WriteLine($"  {times.Count,5} daily pushes: last {times[^1].TotalMilliseconds:0} ms, {bytes[^1] / 1e6:0.00} MB");
                }
            }

            var gridTime = clock.Elapsed;
            var memory = await redisStats.UsedMemoryAsync() - memoryBefore;
            var edge = Math.Min(100, times.Count / 2);
            var first = times.Take(edge).Aggregate(TimeSpan.Zero, (a, b) => a + b);
            var last = times.TakeLast(edge).Aggregate(TimeSpan.Zero, (a, b) => a + b);
            var siloMemory = ResidentBytes(silos[0].Id);

            Console.WriteLine();
            Console.WriteLine($"pair updates/s        core engine {updates / coreTime.TotalSeconds,12:N0}   grid {updates / gridTime.TotalSeconds,12:N0}   " +
                              $"(grid {gridTime.TotalSeconds:0.0} s = {gridTime / coreTime:0.00}× the core engine's {coreTime.TotalSeconds:0.0} s)");
            Console.WriteLine($"Redis memory          {memory / 1e6:0.0} MB used by the universe, {memory / (double)pairs / 1e3:0.00} kB per pair (INFO memory used_memory)");
            Console.WriteLine($"bytes per daily push  mean {bytes.Average() / 1e6:0.00} MB, first {bytes[0] / 1e6:0.00} MB, last {bytes[^1] / 1e6:0.00} MB " +
                              $"({bytes.Average() / pairs:0} B per pair; INFO stats total_net_input_bytes)");
            Console.WriteLine($"silo memory           {(siloMemory is { } rss ? $"{rss / 1e6:0} MB resident" : "unknown (no /proc)")}");
            Console.WriteLine($"daily push wall time  first {edge} pushes {first.TotalSeconds:0.00} s ({first.TotalMilliseconds / edge:0} ms each), " +
                              $"last {edge} {last.TotalSeconds:0.00} s ({last.TotalMilliseconds / edge:0} ms each): ratio {last / first:0.00}");
            Console.WriteLine("(figures measured on a shared machine are indicative only)");
        }
        finally
        {
            await connection.DisposeAsync();
            await Grids.StopProcessesAsync(silos, redis, clusterId);
        }
    }

    private static InstrumentPrices[] Slice(IReadOnlyList<PriceSeries> data, int start, int count) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, [.. s.Bars.Skip(start).Take(count).Select(b => b.ToMessage())]))];


    // VmRSS of the silo process (Linux); null elsewhere.
    private static long? ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
