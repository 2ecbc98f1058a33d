using System.Globalization;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Benchmarks;

/// <summary>
/// Every rolling window of the S&amp;P 500 and NASDAQ, fitted warm the way <c>RollingPair</c> does (each fit
/// starts from the last usable one), written one line per fit so that two fitters can be compared window
/// by window (<c>--cold</c>: every fit started cold instead). Usage: <c>sweep --out FILE [--models a,b] [--series sp500,nasdaq] [--window N] [--cold]</c>, then
/// <c>sweep --compare BEFORE AFTER</c>: the largest log-likelihood shortfall of AFTER below BEFORE per model.
/// </summary>
internal static class FitSweep
{
    private static readonly string[] GarchFamily = ["garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t"];

    public static int Run(string[] args)
    {
        if (Option(args, "--compare") is { } before)
        {
            return Compare(before, args[^1]);
        }

        var output = Option(args, "--out") ?? throw new ArgumentException("sweep needs --out FILE or --compare BEFORE AFTER");
        var models = Option(args, "--models")?.Split(',') ?? GarchFamily;
        var series = Option(args, "--series")?.Split(',') ?? ["sp500", "nasdaq"];
        var window = int.Parse(Option(args, "--window") ?? "1000", CultureInfo.InvariantCulture);
        var lines = new List<string>[series.Length * models.Length];
        var times = new double[lines.Length][];
        var tallies = new FitTally[lines.Length];
        var cold = args.Contains("--cold");
        var options = new ParallelOptions { MaxDegreeOfParallelism = args.Contains("--serial") ? 1 : -1 };
        Parallel.For(0, lines.Length, options, k =>
        {
            var name = series[k / models.Length];
            var modelName = models[k % models.Length];
            var returns = Sp500.Returns(name);
            var model = ((VolatilityRiskModel)ModelCatalog.Create(modelName)).Model;
            var tallyBefore = FitCounters.Of(model.Name);
            var own = new List<string>();
            var elapsed = new List<double>();
            ModelFit? previous = null;
            for (var start = 0; start + window <= returns.Length; start++)
            {
                var clock = ThreadClock.Now();
                var fit = GarchFitter.Fit(model, returns.AsSpan(start, window), previous);
                elapsed.Add(ThreadClock.Now() - clock);
                if (fit.IsUsable && !cold)
                {
                    previous = fit;
                }

                own.Add(string.Join(',', [name, modelName, start.ToString(CultureInfo.InvariantCulture), fit.Status.ToString(),
                    fit.LogLikelihood.ToString("R", CultureInfo.InvariantCulture), fit.Iterations.ToString(CultureInfo.InvariantCulture),
                    .. fit.Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture))]));
            }

            lines[k] = own;
            times[k] = [.. elapsed];
            tallies[k] = FitCounters.Of(model.Name) - tallyBefore;
        });

        for (var k = 0; k < lines.Length; k++)
        {
            var sorted = times[k].Order().ToArray();
            Console.WriteLine($"{series[k / models.Length],-7} {models[k % models.Length],-9} median {sorted[sorted.Length / 2],7:F1} µs/fit ({ThreadClock.Describe}), " +
                              $"mean {sorted.Average(),7:F1}, p90 {sorted[(int)(0.9 * sorted.Length)],7:F1}; " +
                              $"{(double)tallies[k].Passes / tallies[k].Fits:F1} passes/fit, {tallies[k].Fallbacks} fallbacks, " +
                              "" +
                              (options.MaxDegreeOfParallelism == 1 ? "" : " (tallies shared by series run in parallel)"));
        }

        File.WriteAllLines(output, ["series,model,start,status,loglik,iterations,parameters...", .. lines.SelectMany(l => l)]);
        Console.WriteLine($"{lines.Sum(l => l.Count)} fits written to {output}");
        return 0;
    }

    private static int Compare(string beforePath, string afterPath)
    {
        var before = Read(beforePath);
        var after = Read(afterPath);
        Console.WriteLine($"{"series",-7} {"model",-9} {"windows",7} {"worst LL shortfall",19} {"at",5} {"gains>1e-6",11} {"best gain",10}");
        foreach (var group in after.GroupBy(r => (r.Key.Series, r.Key.Model)))
        {
            double worst = double.NegativeInfinity, bestGain = 0;
            var at = -1;
            var gains = 0;
            foreach (var (key, ll) in group)
            {
                if (!before.TryGetValue(key, out var old))
                {
                    continue;
                }

                var shortfall = old - ll;
                if (shortfall > worst || double.IsNaN(shortfall))
                {
                    worst = shortfall;
                    at = key.Start;
                }

                if (-shortfall > 1e-6)
                {
                    gains++;
                    bestGain = Math.Max(bestGain, -shortfall);
                }
            }

            Console.WriteLine($"{group.Key.Series,-7} {group.Key.Model,-9} {group.Count(),7} {worst,19:g4} {at,5} {gains,11} {bestGain,10:g4}");
        }

        return 0;
    }

    private static Dictionary<(string Series, string Model, int Start), double> Read(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => (f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture)),
            f => double.Parse(f[4], CultureInfo.InvariantCulture));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
