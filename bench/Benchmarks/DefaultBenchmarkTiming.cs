using System.Diagnostics;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// Wall time of the full default benchmark (what <c>riskgrid benchmark --engine core</c> does with no
/// arguments): the built-in synthetic universe, every default model, window 1,000, daily refit,
/// levels 0.95 and 0.99 — split into data generation, rolling forecasts and backtests — and, per volatility model,
/// how many fits the stuck-optimum guard probed and changed (where the default results differ from a fitter without it).
/// Usage: <c>default [--repeat N]</c>.
/// </summary>
internal static class DefaultBenchmarkTiming
{
    public static int Run(string[] args)
    {
        var i = Array.IndexOf(args, "--repeat");
        var repeat = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var options = new RollingOptions();
        Console.WriteLine($"default benchmark: {SyntheticUniverseOptions.Default.Instruments} synthetic instruments × " +
                          $"{ModelCatalog.DefaultNames.Count} models, window {options.Window}, refit {options.RefitEvery}, " +
                          $"{Environment.ProcessorCount} cores; {repeat} runs");
        Console.WriteLine($"{"run",4} {"data s",8} {"forecast s",11} {"backtest s",11} {"total s",8}");
        var names = VolatilityParts.Names.Select(n => VolatilityParts.Compose(n).Name).ToArray();
        var before = names.ToDictionary(n => n, FitCounters.Of);
        for (var run = 1; run <= repeat; run++)
        {
            var clock = Stopwatch.StartNew();
            var universe = SyntheticUniverse.Generate();
            var data = clock.Elapsed;
            var runs = RollingEngine.Run(universe, ModelCatalog.DefaultNames, options);
            var forecast = clock.Elapsed - data;
            var summaries = runs.AsParallel().Select(r => Backtester.Summarize(r.Forecasts, options.Alphas)).ToList();
            var total = clock.Elapsed;
            Console.WriteLine($"{run,4} {data.TotalSeconds,8:F2} {forecast.TotalSeconds,11:F2} {(total - data - forecast).TotalSeconds,11:F2} {total.TotalSeconds,8:F2}" +
                              $"   ({runs.Count} pairs, {summaries.Count} summarised)");
        }

        Console.WriteLine($"stuck-optimum guard over the {repeat} runs: {"volatility model",-30} {"fits",8} {"fired",8} {"changed",8}");
        foreach (var name in names)
        {
            var d = FitCounters.Of(name) - before[name];
            if (d.Fits > 0)
            {
                Console.WriteLine($"{"",35}{name,-30} {d.Fits,8} {d.GuardProbes,8} {d.GuardChanges,8}");
            }
        }

        return 0;
    }
}
