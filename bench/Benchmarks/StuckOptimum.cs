using System.Globalization;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// The stuck-optimum check of issue 11: on every rolling window of the S&amp;P 500 and NASDAQ, the warm-started
/// rolling fit (as <c>RollingPair</c> runs it, guard included) against the best of a multi-start search
/// (<see cref="GarchFitter.FitMultiStart"/>) and a plain cold fit. Prints, per series and model, the windows
/// where the rolling fit falls short of the multi-start by more than 0.01 in log-likelihood, the worst
/// shortfall, and the same for the cold fit, and the rolling fits' cost (thread CPU per fit, likelihood passes) with what the
/// stuck-optimum guard did in them; <c>--out FILE</c> writes one line per window.
/// Usage: <c>stuck [--models a,b|all] [--series sp500,nasdaq] [--window N] [--from I] [--to J] [--windows SPEC] [--out FILE] [--reference FILE]</c>;
/// <c>--reference</c> takes the cold and multi-start results from an earlier run's <c>--out</c> file; <c>--windows</c> checks only
/// the windows it lists (comma-separated, each <c>I</c> or <c>I-J</c> or <c>I-J/K</c>: every K-th from I to J), the rolling fit
/// still going through every window before them.
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
        var only = Option(args, "--windows") is { } spec ? Windows(spec) : null;
        if (only is not null)
        {
            to = Math.Min(to, only.Max());
        }

        var output = Option(args, "--out");
        // A previous run's --out file: its cold and multi-start log-likelihoods (which do not depend on the rolling fit or
        // its guard) instead of new searches, so that a change to the guard is checked on every window in seconds.
        var reference = Option(args, "--reference") is { } file ? ReadReference(file) : null;
        var jobs = series.SelectMany(s => models.Select(m => (Series: s, Model: m))).ToArray();
        var lines = new List<string>[jobs.Length];
        var summaries = new string[jobs.Length];
        var costs = new string[jobs.Length];
        // One model's series in turn on one thread, the models in parallel: the fitter's tallies are per model, so a fit's
        // share of them is exactly the difference across its call.
        var byModel = Enumerable.Range(0, jobs.Length).GroupBy(k => jobs[k].Model).ToArray();
        Parallel.ForEach(byModel, group =>
        {
            foreach (var k in group)
            {
                RunJob(k);
            }
        });

        void RunJob(int k)
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
            var times = new List<double>();
            var tally = default(FitTally);
            for (var start = 0; start <= last; start++)
            {
                var span = returns.AsSpan(start, window);
                var before = FitCounters.Of(model.Name);
                var clock = ThreadClock.Now();
                var warm = GarchFitter.Fit(model, span, previous);
                var elapsed = ThreadClock.Now() - clock;
                if (warm.IsUsable)
                {
                    previous = warm;
                }

                if (start < from || only?.Contains(start) == false)
                {
                    continue;
                }

                windows++;
                times.Add(elapsed);
                tally += FitCounters.Of(model.Name) - before;
                var (coldLogLikelihood, multiLogLikelihood, multiParameters) = reference is null ? Search(model, span)
                    : reference.TryGetValue((name, modelName, start), out var stored) ? stored
                    : throw new ArgumentException($"the reference file has no {name} {modelName} window {start}");
                var best = Math.Max(multiLogLikelihood, Math.Max(warm.LogLikelihood, coldLogLikelihood));
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

                if (best - coldLogLikelihood > Tolerance)
                {
                    coldMisses++;
                }

                worstCold = Math.Max(worstCold, best - coldLogLikelihood);
                if (best - multiLogLikelihood > Tolerance)
                {
                    multiBehind++;
                }

                own.Add(string.Join(',', [name, modelName, start.ToString(CultureInfo.InvariantCulture), R(warm.LogLikelihood),
                    R(coldLogLikelihood), R(multiLogLikelihood), .. warm.Parameters.Select(R), "|", .. multiParameters]));
            }

            lines[k] = own;
            times.Sort();
            var median = times.Count == 0 ? 0 : times[times.Count / 2];
            summaries[k] = $"{name,-7} {modelName,-12} {windows,7} {stuck,7} {worst,9:F4} {worstAt,6} {coldMisses,7} {worstCold,9:F4} {multiBehind,9}";
            costs[k] = $"{name,-7} {modelName,-12} {times.Count,7} {times.DefaultIfEmpty().Average() / 1e3,9:F2} {median / 1e3,9:F2} " +
                       $"{(double)tally.Passes / Math.Max(tally.Fits, 1),11:F1} {(double)tally.GuardPasses / Math.Max(tally.Fits, 1),9:F1} " +
                       $"{tally.GuardProbes,7} {tally.GuardTracked,8} {tally.GuardScans,10} {tally.GuardChanges,8}";
        }

        Console.WriteLine($"window {window}; shortfall = best of (multi-start, rolling, cold) minus the fit's log-likelihood; counted above {Tolerance}");
        Console.WriteLine($"{"series",-7} {"model",-12} {"windows",7} {"rolling",7} {"worst",9} {"at",6} {"cold",7} {"worst",9} {"multi",9}");
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary);
        }

        Console.WriteLine();
        Console.WriteLine($"rolling fits from --from on: {ThreadClock.Describe} per fit (ms), likelihood passes per fit and the guard's share, fits where");
        Console.WriteLine("the stuck-optimum guard fired, refitted a tracked maximum or the main path, searched the stretches between the returns next to the mean, and changed the answer" +
                          (reference is null ? " (with the cold fits, which run the guard too; --reference leaves them out)" : ""));
        Console.WriteLine($"{"series",-7} {"model",-12} {"fits",7} {"mean ms",9} {"median",9} {"passes/fit",11} {"of guard",9} {"fired",7} {"tracked",8} {"stretches",10} {"changed",8}");
        foreach (var cost in costs)
        {
            Console.WriteLine(cost);
        }

        if (output is not null)
        {
            File.WriteAllLines(output, ["series,model,start,rolling_ll,cold_ll,multi_ll,rolling parameters...,|,multi parameters...",
                .. lines.SelectMany(l => l)]);
        }

        return 0;
    }

    private static (double Cold, double Multi, string[] MultiParameters) Search(VolatilityModel model, ReadOnlySpan<double> window)
    {
        var multi = GarchFitter.FitMultiStart(model, window);
        return (GarchFitter.Fit(model, window).LogLikelihood, multi.LogLikelihood, [.. multi.Parameters.Select(R)]);
    }

    private static Dictionary<(string, string, int), (double, double, string[])> ReadReference(string file)
    {
        var stored = new Dictionary<(string, string, int), (double, double, string[])>();
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var f = line.Split(',');
            stored[(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture))] = (double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture), f[(Array.IndexOf(f, "|") + 1)..]);
        }

        return stored;
    }

    // "I", "I-J" or "I-J/K" (every K-th from I to J), comma-separated.
    private static HashSet<int> Windows(string spec)
    {
        var set = new HashSet<int>();
        foreach (var part in spec.Split(','))
        {
            var (range, step) = part.Split('/') is [var r, var k] ? (r, Index(k)) : (part, 1);
            var ends = range.Split('-').Select(Index).ToArray();
            if (step < 1 || ends.Length > 2)
            {
                throw new FormatException($"--windows: '{part}' is not I, I-J or I-J/K (K at least 1)");
            }

            for (var w = ends[0]; w <= ends[^1]; w += step)
            {
                set.Add(w);
            }
        }

        return set;

        int Index(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--windows: '{text}' in '{spec}' is not a window number (I, I-J or I-J/K)");
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
