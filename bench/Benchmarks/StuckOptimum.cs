using System.Globalization;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// The stuck-optimum check of issue 11: on every rolling window of the S&amp;P 500 and NASDAQ, the warm-started
/// rolling fit (as <c>RollingPair</c> runs it, guard included) against the best of a multi-start search
/// (<see cref="GarchFitter.FitMultiStart"/>) and a plain cold fit. Prints, per series and model, the windows
/// where the rolling fit falls short of the multi-start by more than 0.01 in log-likelihood, the worst
/// shortfall, and the same for the cold fit; <c>--out FILE</c> writes one line per window.
/// Usage: <c>stuck [--models a,b|all] [--series sp500,nasdaq] [--window N] [--from I] [--to J] [--out FILE]</c>.
/// </summary>
internal static class StuckOptimum
{
    private const double Tolerance = 0.01;

    public static int Run(string[] args)
    {
        var named = Option(args, "--models");
        string[] models = named == "all" ? [.. VolatilityParts.Names]
            : named?.Split(',') ?? ["garch-n", "garch-t", "gjr-n", "egarch-n", "egarch-t"];
        var series = Option(args, "--series")?.Split(',') ?? ["sp500", "nasdaq"];
        var window = int.Parse(Option(args, "--window") ?? "1000", CultureInfo.InvariantCulture);
        var from = int.Parse(Option(args, "--from") ?? "0", CultureInfo.InvariantCulture);
        var to = int.Parse(Option(args, "--to") ?? "1000000", CultureInfo.InvariantCulture);
        var output = Option(args, "--out");
        var jobs = series.SelectMany(s => models.Select(m => (Series: s, Model: m))).ToArray();
        var lines = new List<string>[jobs.Length];
        var summaries = new string[jobs.Length];
        Parallel.For(0, jobs.Length, k =>
        {
            var (name, modelName) = jobs[k];
            var returns = Sp500.Returns(name);
            var model = VolatilityParts.Compose(modelName);
            var own = new List<string>();
            int stuck = 0, coldMisses = 0, multiBehind = 0, windows = 0;
            double worst = 0, worstCold = 0;
            var worstAt = -1;
            ModelFit? previous = null;
            var last = Math.Min(returns.Length - window, to);
            for (var start = 0; start <= last; start++)
            {
                var span = returns.AsSpan(start, window);
                var warm = GarchFitter.Fit(model, span, previous);
                if (warm.IsUsable)
                {
                    previous = warm;
                }

                if (start < from)
                {
                    continue;
                }

                windows++;
                var cold = GarchFitter.Fit(model, span);
                var multi = GarchFitter.FitMultiStart(model, span);
                var best = Math.Max(multi.LogLikelihood, Math.Max(warm.LogLikelihood, cold.LogLikelihood));
                var shortfall = best - warm.LogLikelihood;
                if (shortfall > Tolerance)
                {
                    stuck++;
                }

                if (shortfall > worst)
                {
                    worst = shortfall;
                    worstAt = start;
                }

                if (best - cold.LogLikelihood > Tolerance)
                {
                    coldMisses++;
                }

                worstCold = Math.Max(worstCold, best - cold.LogLikelihood);
                if (best - multi.LogLikelihood > Tolerance)
                {
                    multiBehind++;
                }

                own.Add(string.Join(',', [name, modelName, start.ToString(CultureInfo.InvariantCulture), R(warm.LogLikelihood),
                    R(cold.LogLikelihood), R(multi.LogLikelihood), .. warm.Parameters.Select(R), "|", .. multi.Parameters.Select(R)]));
            }

            lines[k] = own;
            summaries[k] = $"{name,-7} {modelName,-12} {windows,7} {stuck,7} {worst,9:F4} {worstAt,6} {coldMisses,7} {worstCold,9:F4} {multiBehind,9}";
        });

        Console.WriteLine($"window {window}; shortfall = best of (multi-start, rolling, cold) minus the fit's log-likelihood; counted above {Tolerance}");
        Console.WriteLine($"{"series",-7} {"model",-12} {"windows",7} {"rolling",7} {"worst",9} {"at",6} {"cold",7} {"worst",9} {"multi",9}");
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary);
        }

        if (output is not null)
        {
            File.WriteAllLines(output, ["series,model,start,rolling_ll,cold_ll,multi_ll,rolling parameters...,|,multi parameters...",
                .. lines.SelectMany(l => l)]);
        }

        return 0;
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
