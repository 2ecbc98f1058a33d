using System.Diagnostics;
using System.Globalization;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// GARCH(1,1)-normal on the S&amp;P 500 rolling windows (window 1,000, daily refit), RiskGrid against R's
/// tseries <c>garch</c> and fGarch <c>garchFit</c> in the same run, on the same windows: per-fit wall times
/// (median, mean) and their ratios. R runs R/side_by_side.R through <c>Rscript</c>; without Rscript or
/// either package the command says so and prints RiskGrid's figures alone.
/// Usage: <c>side-by-side [--window N] [--fits N] [--fgarch-fits N]</c> (defaults 1000, every window, 100).
/// </summary>
internal static class SideBySide
{
    public static int Run(string[] args)
    {
        var window = int.Parse(Option(args, "--window") ?? "1000", CultureInfo.InvariantCulture);
        var returns = Sp500.Returns();
        var fits = Math.Min(int.Parse(Option(args, "--fits") ?? "100000", CultureInfo.InvariantCulture), returns.Length - window + 1);
        var fgarchFits = Math.Min(int.Parse(Option(args, "--fgarch-fits") ?? "100", CultureInfo.InvariantCulture), fits);
        var model = VolatilityModel.GarchNormal();
        Console.WriteLine($"GARCH(1,1)-normal, S&P 500, window {window}, daily refit: {fits} windows (fGarch: the first {fgarchFits}); " +
                          "wall time per fit call, one thread; machine may be shared");

        // Warm-up: the first fits pay for JIT compilation.
        ModelFit? previous = null;
        for (var start = 0; start < Math.Min(200, fits); start++)
        {
            previous = GarchFitter.Fit(model, returns.AsSpan(start, window), previous);
        }

        var warm = new double[fits];
        var warmCpu = new double[fits];
        previous = null;
        var tally = FitCounters.Of(model.Name);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        for (var start = 0; start < fits; start++)
        {
            var cpu = ThreadClock.Now();
            var clock = Stopwatch.GetTimestamp();
            var fit = GarchFitter.Fit(model, returns.AsSpan(start, window), previous);
            warm[start] = Stopwatch.GetElapsedTime(clock).TotalMicroseconds;
            warmCpu[start] = ThreadClock.Now() - cpu;
            if (fit.IsUsable)
            {
                previous = fit;
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        collections = GC.CollectionCount(0) - collections;
        var passes = FitCounters.Of(model.Name) - tally;
        Console.WriteLine($"warm refits: {(double)passes.Passes / fits:F2} likelihood passes, {(double)allocated / fits:F0} bytes allocated " +
                          $"per fit; {collections} gen-0 collections; guard fired on {passes.GuardProbes}, changed {passes.GuardChanges}");

        var cold = new double[fits];
        for (var start = 0; start < fits; start++)
        {
            var clock = Stopwatch.GetTimestamp();
            GarchFitter.Fit(model, returns.AsSpan(start, window));
            cold[start] = Stopwatch.GetElapsedTime(clock).TotalMicroseconds;
        }

        var rows = new List<(string Name, double[] Times)>
        {
            ("RiskGrid warm (rolling)", warm),
            ($"RiskGrid warm, {ThreadClock.Describe}", warmCpu),
            ("RiskGrid cold", cold),
        };
        var r = RunR(returns, window, fits, fgarchFits);
        if (r.Problem is { } problem)
        {
            Console.WriteLine($"R not run: {problem}; RiskGrid's figures alone.");
        }
        else
        {
            rows.Add(("R tseries garch (no mean)", r.Tseries));
            rows.Add(($"R fGarch garchFit (first {fgarchFits})", r.Fgarch));
        }

        var reference = Median(warm);
        Console.WriteLine();
        Console.WriteLine($"{"",-36} {"fits",6} {"median µs",10} {"mean µs",10} {"÷ RiskGrid warm",16}");
        foreach (var (name, times) in rows)
        {
            var median = Median(times);
            if (times.Length > 0)
            {
                Console.WriteLine($"{name,-36} {times.Length,6} {median,10:F1} {times.Average(),10:F1} {median / reference,15:F1}×");
            }
        }

        if (r.Problem is null)
        {
            // CPU time per fit, the mean over all fits: RiskGrid's thread, R's process (its clock ticks too coarsely to
            // time one fit). On a loaded machine the wall-time ratio above mostly measures who was scheduled.
            var riskGridCpu = warmCpu.Average();
            Console.WriteLine();
            Console.WriteLine($"mean CPU time per fit: RiskGrid warm {riskGridCpu:F1} µs, tseries {r.TseriesCpu:F1} µs " +
                              $"({r.TseriesCpu / riskGridCpu:F1}× RiskGrid)" +
                              (fgarchFits > 0 ? $", fGarch {r.FgarchCpu:F0} µs ({r.FgarchCpu / riskGridCpu:F0}×)" : ""));
        }

        if (r.Problem is null && fgarchFits > 0)
        {
            // Same windows only: fGarch's first windows against RiskGrid's own first windows.
            var firstWarm = Median(warm[..fgarchFits]);
            Console.WriteLine();
            Console.WriteLine($"on the first {fgarchFits} windows: RiskGrid warm median {firstWarm:F1} µs, " +
                              $"fGarch {Median(r.Fgarch) / firstWarm:F0}× slower, tseries {Median(r.Tseries[..fgarchFits]) / firstWarm:F1}× slower");
        }

        return 0;
    }

    private static (double[] Tseries, double[] Fgarch, double TseriesCpu, double FgarchCpu, string? Problem) RunR(double[] returns, int window, int fits, int fgarchFits)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "R", "side_by_side.R");
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, returns.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
            var (code, text) = Execute("Rscript", ["-e", "suppressMessages({library(tseries); library(fGarch)})"]);
            if (code is null)
            {
                return ([], [], double.NaN, double.NaN, "Rscript is not on the PATH (Debian: apt-get install r-base-core r-cran-tseries r-cran-fgarch)");
            }

            if (code != 0)
            {
                return ([], [], double.NaN, double.NaN, $"R lacks tseries or fGarch (Debian: r-cran-tseries, r-cran-fgarch): {text.Trim()}");
            }

            Console.WriteLine($"running R: {fits} tseries fits, {fgarchFits} fGarch fits ...");
            (code, text) = Execute("Rscript", [script, input, window.ToString(CultureInfo.InvariantCulture),
                fits.ToString(CultureInfo.InvariantCulture), fgarchFits.ToString(CultureInfo.InvariantCulture), output]);
            if (code != 0)
            {
                return ([], [], double.NaN, double.NaN, $"{script} exited with {code}: {text.Trim()}");
            }

            var lines = File.ReadAllLines(output).Select(l => l.Split(',')).ToArray();
            double[] Times(string package) => [.. lines.Where(f => f[0] == package)
                .Select(f => double.Parse(f[2], CultureInfo.InvariantCulture))];
            double CpuPerFit(string package) => lines.Where(f => f[0] == "cpu" && f[1] == package)
                .Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / Math.Max(int.Parse(f[3], CultureInfo.InvariantCulture), 1))
                .DefaultIfEmpty(double.NaN).First();
            return (Times("tseries"), Times("fGarch"), CpuPerFit("tseries"), CpuPerFit("fGarch"), null);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    // Exit code and combined output, or a null code when the program cannot be started.
    private static (int? Code, string Output) Execute(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "");
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
