using System.Diagnostics;
using System.Globalization;
using RiskGrid.Client.Cli.Embedded;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.GridBench;

// Pair updates per second (one price appended to one instrument×model pair: realise, refit when due,
// forecast) through the grid on 1 and 2 silos, against the Core engine doing the same work alone.
if (args is ["state", .. var rest])
{
    var stateBench = BenchOptions.ParseOrExit(rest, needsRedis: "state");
    await StateBench.RunAsync(stateBench.Redis!,
        stateBench.Instruments, stateBench.Window);
    return;
}

if (args is ["scale", .. var scaleArgs])
{
    var quick = scaleArgs.Contains("--quick");
    var scale = BenchOptions.ParseOrExit([.. scaleArgs.Where(a => a != "--quick"), "--live-days", "1"], needsRedis: "scale");
    await ScaleBench.RunAsync(scale.Redis!,
        scaleArgs.Contains("--instruments") ? scale.Instruments : quick ? 300 : 5000,
        scaleArgs.Contains("--days") ? scale.Days : quick ? 450 : 1000, scale.Window);
    return;
}

var bench = BenchOptions.ParseOrExit(args);
(TimeSpan Core, TimeSpan Grid)? defaultBenchmark = null;
if (bench.DefaultBenchmark)
{
    Console.WriteLine("riskgrid benchmark with its defaults (models, synthetic universe, backtests, CSV and report), core engine then embedded grid ...");
    defaultBenchmark = await DefaultBenchmark.RunAsync();
    Console.WriteLine($"  core engine {defaultBenchmark.Value.Core.TotalSeconds:0.0} s, embedded grid {defaultBenchmark.Value.Grid.TotalSeconds:0.0} s, identical CSV files");
}

var models = bench.Models ?? [.. ModelCatalog.DefaultNames.Take(4)];
var options = new RollingOptions { Window = bench.Window, RefitEvery = bench.RefitEvery, Alphas = [0.95, 0.99] };
var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = bench.Instruments, Days = bench.Days });
long updates = (long)bench.Instruments * models.Length * bench.Days;
long liveUpdates = (long)bench.Instruments * models.Length * bench.LiveDays;
Console.WriteLine($"GridBench (best of {bench.Repeat}): {bench.Instruments} instruments × {models.Length} models ({string.Join(", ", models)}), {bench.Days} days, " +
    $"window {bench.Window}, refit every {bench.RefitEvery}; backfill {bench.DaysPerPush} days per push, then {bench.LiveDays} days one push each; " +
    $"{Environment.ProcessorCount} cores");

// JIT warm-up of both engines on the same small universe, untimed, until the JIT is quiet (see JitSettle.WarmUpAsync).
const int warmUpInstruments = 50;
var warmUp = data.Take(Math.Min(data.Count, warmUpInstruments)).ToArray();
IReadOnlyList<PairRun> warmUpCore = [];
var (coreWarmUps, coreLastWarmUp) = await JitSettle.WarmUpAsync(() => Task.FromResult(warmUpCore = RollingEngine.Run(warmUp, models, options)));
Console.WriteLine($"  core engine warmed up on {warmUp.Length} instruments, {coreWarmUps} runs (the last: {coreLastWarmUp})");
IReadOnlyList<PairRun> core = [];
var coreTime = TimeSpan.MaxValue;
var coreCpu = TimeSpan.MaxValue;
var coreGc = GcCounts.Now();
var coreJit = JitCounts.Now();
for (var i = 0; i < bench.Repeat; i++)
{
    var clock = Stopwatch.StartNew();
    var cpu = GridRun.Cpu();
    core = RollingEngine.Run(data, models, options);
    coreTime = Min(coreTime, clock.Elapsed);
    coreCpu = Min(coreCpu, GridRun.Cpu() - cpu);
}

var rows = new List<(string Run, TimeSpan Backfill, TimeSpan Live)> { ("core engine (all cores)", coreTime, TimeSpan.Zero) };
Console.WriteLine($"  core engine: {coreTime.TotalSeconds:0.00} s; GC: {GcCounts.Now() - coreGc}; JIT: {JitCounts.Now() - coreJit}");

(TimeSpan Total, TimeSpan Live) embeddedCpu = default;
await using (var embedded = await EmbeddedSilo.StartAsync())
{
    // JIT warm-up, as the core engine had: the same small universe through the same silo, untimed.
    var (gridWarmUps, gridLastWarmUp) = await JitSettle.WarmUpAsync(() => GridRun.RunAsync(embedded, warmUp, models, options, bench, warmUpCore));
    Console.WriteLine($"  embedded silo warmed up on {warmUp.Length} instruments, {gridWarmUps} runs (the last: {gridLastWarmUp})");
    var gc = GcCounts.Now();
    var jit = JitCounts.Now();
    var (b, l, bCpu, lCpu) = await Best(() => GridRun.RunAsync(embedded, data, models, options, bench, core));
    Console.WriteLine($"  embedded silo GC: {GcCounts.Now() - gc}; JIT (with the checks against the core engine): {JitCounts.Now() - jit}");
    rows.Add(("grid, 1 embedded silo (memory)", b, l));
    Console.WriteLine($"  embedded silo: {(b + l).TotalSeconds:0.00} s, identical to the core engine");
    embeddedCpu = (bCpu + lCpu, lCpu);
}

if (bench.Redis is { } redis)
{
    foreach (var count in bench.Silos)
    {
        var (connection, silos, clusterId) = await Grids.StartProcessesAsync(count, redis);
        try
        {
            var (b, l, _, _) = await Best(() => GridRun.RunAsync(connection, data, models, options, bench, core));
            rows.Add(($"grid, {count} silo process{(count > 1 ? "es" : "")} (Redis)", b, l));
            Console.WriteLine($"  {count} silo(s): {(b + l).TotalSeconds:0.00} s, identical to the core engine");
        }
        finally
        {
            await connection.DisposeAsync();
            await Grids.StopProcessesAsync(silos, redis, clusterId);
        }
    }
}
else
{
    Console.WriteLine("  (no --redis / RISKGRID_REDIS: multi-silo runs skipped)");
}

Console.WriteLine();
Console.WriteLine($"{"run",-34} {"seconds",9} {"updates/s",11} {"× core time",12} {"live: updates/s",16} {"ms/day",8}");
foreach (var (run, backfill, live) in rows)
{
    var total = backfill + live;
    var rate = updates / total.TotalSeconds;
    var liveRate = live > TimeSpan.Zero ? (liveUpdates / live.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "";
    var perDay = live > TimeSpan.Zero ? (live.TotalMilliseconds / bench.LiveDays).ToString("0", CultureInfo.InvariantCulture) : "";
    Console.WriteLine($"{run,-34} {total.TotalSeconds,9:0.00} {rate,11:N0} {total / coreTime,12:0.00} {liveRate,16} {perDay,8}");
}

Console.WriteLine($"CPU time (this process): core engine {coreCpu.TotalSeconds:0.00} s; embedded grid {embeddedCpu.Total.TotalSeconds:0.00} s " +
                  $"({embeddedCpu.Total / coreCpu:0.00}× the core engine), of which live pushes {embeddedCpu.Live.TotalMilliseconds / Math.Max(1, bench.LiveDays):0} ms CPU per push");

if (defaultBenchmark is { } d)
{
    Console.WriteLine();
    Console.WriteLine($"default benchmark (riskgrid benchmark, whole run): core engine {d.Core.TotalSeconds:0.0} s, embedded grid {d.Grid.TotalSeconds:0.0} s, " +
                      $"grid overhead {d.Grid / d.Core:0.00}× the core engine");
}

Console.WriteLine($"(live: {bench.Instruments * models.Length:N0} pairs, one push per day; ms/day is the wall time of one such push. " +
                  "Figures measured on a shared machine are indicative only.)");

// The machine is shared: report the best of the repeats (each a fresh universe on the same grid).
async Task<(TimeSpan, TimeSpan, TimeSpan, TimeSpan)> Best(Func<Task<(TimeSpan Backfill, TimeSpan Live, TimeSpan BackfillCpu, TimeSpan LiveCpu)>> run)
{
    var best = (Backfill: TimeSpan.MaxValue, Live: TimeSpan.MaxValue, BackfillCpu: TimeSpan.MaxValue, LiveCpu: TimeSpan.MaxValue);
    for (var i = 0; i < bench.Repeat; i++)
    {
        var r = await run();
        if (bench.Repeat > 1)
        {
            Console.WriteLine($"    run {i + 1}: backfill {r.Backfill.TotalSeconds:0.00} s ({r.BackfillCpu.TotalSeconds:0.00} s CPU), live {r.Live.TotalSeconds:0.00} s ({r.LiveCpu.TotalSeconds:0.00} s CPU)");
        }

        best = (Min(best.Backfill, r.Backfill), Min(best.Live, r.Live), Min(best.BackfillCpu, r.BackfillCpu), Min(best.LiveCpu, r.LiveCpu));
    }

    return best;
}

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
