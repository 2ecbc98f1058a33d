using System.Diagnostics;
using System.Globalization;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// Wall time of daily-refit rolling runs on the S&amp;P 500 (window 1,000) through
/// <see cref="RollingEngine.Run"/>, with the fit statuses each model recorded.
/// Usage: <c>rolling [--models a,b,...|all] [--window N] [--refit K] [--cores C] [--cold]</c>; <c>all</c> is every
/// model of the default (non-LSTM) set; the models run in parallel on at most C threads (default 2, the
/// machine of issue 11's "four GARCH-family models in 2.0 s on 2 cores"); <c>--cold</c> also times the same
/// runs with every fit started cold, to show what warm starts save.
/// </summary>
internal static class RollingTiming
{
    private static readonly string[] DefaultModels = ["garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t", "fhs"];

    public static int Run(string[] args)
    {
        var named = Option(args, "--models");
        string[] models = named == "all" ? [.. ModelCatalog.DefaultNames] : named?.Split(',') ?? DefaultModels;
        var window = int.Parse(Option(args, "--window") ?? "1000", CultureInfo.InvariantCulture);
        var refit = int.Parse(Option(args, "--refit") ?? "1", CultureInfo.InvariantCulture);
        var cores = int.Parse(Option(args, "--cores") ?? "2", CultureInfo.InvariantCulture);
        var series = Sp500.Series();
        var options = new RollingOptions { Window = window, RefitEvery = refit, Alphas = [0.95, 0.99] };
        Console.WriteLine($"S&P 500: {series.Count} prices; window {window}, refit every {refit} day(s); " +
                          $"{Environment.ProcessorCount} cores, models in parallel on {cores}; models {string.Join(", ", models)}");

        var before = Tallies(models);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runs = RollingEngine.Run([series], models, options, maxDegreeOfParallelism: cores);
        var wall = clock.Elapsed;
        // The process's CPU time over the run: on a shared machine the wall time stretches with the load, this much less.
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Report($"warm starts (RollingEngine.Run, {models.Length} models in parallel on {cores} threads)", runs, wall);
        Console.WriteLine($"process CPU time {cpu.TotalSeconds:F2} s ({cpu.TotalSeconds / Math.Max(cores, 1):F2} s a core on {cores}); " +
                          $"1-minute load average {LoadAverage()}");
        ReportFitter(models, before);

        if (args.Contains("--cold"))
        {
            clock.Restart();
            var cold = new PairRun[models.Length];
            Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = cores }, i =>
                cold[i] = RollingEngine.RunPair(series, new ColdStartModel(ModelCatalog.Create(models[i])), options));
            Report("cold starts (every fit from the grid)", cold, clock.Elapsed);
        }

        return 0;
    }

    // GarchFitter's tallies per volatility model (FHS filters with GJR-normal, so it shares gjr-n's).
    private static Dictionary<string, FitTally> Tallies(string[] models) =>
        models.Select(VolatilityModelName).OfType<string>().Distinct().ToDictionary(n => n, FitCounters.Of);

    private static string? VolatilityModelName(string model) => ModelCatalog.Create(model) switch
    {
        VolatilityRiskModel v => v.Model.Name,
        FilteredHistoricalSimulation => VolatilityModel.GjrNormal().Name,
        _ => null,
    };

    private static void ReportFitter(string[] models, Dictionary<string, FitTally> before)
    {
        var after = Tallies(models);
        if (after.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("GarchFitter: likelihood passes per fit, fits where the quasi-Newton search stalled and BFGS-B took over,");
        Console.WriteLine("fits where the stuck-optimum guard probed other starts, refitted the other maximum it tracks, and changed the answer");
        Console.WriteLine($"{"volatility model",-28} {"fits",6} {"passes/fit",11} {"of guard",9} {"fallbacks",10} {"guard fired",12} {"tracked",8} {"changed",8}");
        foreach (var (name, tally) in after)
        {
            var d = tally - before[name];
            Console.WriteLine($"{name,-28} {d.Fits,6} {(double)d.Passes / Math.Max(d.Fits, 1),11:F2} {(double)d.GuardPasses / Math.Max(d.Fits, 1),9:F2} " +
                              $"{d.Fallbacks,10} {d.GuardProbes,12} {d.GuardTracked,8} {d.GuardChanges,8}");
        }
    }

    private static void Report(string title, IReadOnlyList<PairRun> runs, TimeSpan wall)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: wall time {wall.TotalSeconds:F1} s");
        // Statuses are of the fits that were kept (a failed fit is counted apart and the last one reused).
        Console.WriteLine($"{"model",-10} {"fits",6} {"fit s",8} {"µs/fit",8} {"conv",6} {"bound",6} {"notconv",8} {"failed",7}");
        foreach (var run in runs)
        {
            var attempts = run.FitAttempts;
            var statuses = run.Forecasts.Where(f => f.Refitted).GroupBy(f => f.FitStatus).ToDictionary(g => g.Key, g => g.Count());
            Console.WriteLine($"{run.Model,-10} {attempts,6} {run.FitTime.TotalSeconds,8:F2} {run.FitTime.TotalMicroseconds / attempts,8:F0} " +
                              $"{statuses.GetValueOrDefault(FitStatus.Converged),6} {statuses.GetValueOrDefault(FitStatus.ConvergedAtBound),6} " +
                              $"{statuses.GetValueOrDefault(FitStatus.NotConverged),8} {run.FitFailures,7}");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
