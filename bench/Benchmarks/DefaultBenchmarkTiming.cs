using System.Diagnostics;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Benchmarks;

/// <summary>
/// Wall time of the full default benchmark (what <c>riskgrid benchmark --engine core</c> does with no
/// arguments): the built-in synthetic universe, every default model, window 1,000, daily refit,
/// levels 0.95 and 0.99 — split into data generation, rolling forecasts and backtests.
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

        return 0;
    }
}
