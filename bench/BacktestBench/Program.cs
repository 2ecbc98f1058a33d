using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RiskGrid.BacktestBench;
using RiskGrid.Core.Backtesting;

// Size and power of every catalogued backtest's p-values at a nominal 5%:
//   dotnet run -c Release --project bench/BacktestBench -- [--samples 1000] [--quick] [--days 250,500,1000]
//       [--levels 0.99,0.975,0.95] [--scenarios 0,1,2,3] [--seed 1] [--cores 1] [--skip esr-strict,esr-aux] [--tests es-z1,kupiec]
//       [--held-forecasts]
// One row per scenario, T, level, test and p-value method: the share of samples rejecting (p < 5%)
// among those where the p-value is defined, and that share of defined samples. The samples carry PITs and
// volatilities (the forecast law's), so the PIT tests (berkowitz, es-z3) and mcneil-frey-std run too, and the forecast
// laws, so the ES tests' Monte Carlo p-values from the laws (es-z1, mcneil-frey, the three ESR tests' `mc`, the strict and
// auxiliary ones opt-in, BacktestOptions.EsrMonteCarlo) run too.
// Goal for the finite-sample p-values held to their size (PValueMethods.IsJudged: mc, mid-p, bootstrap, resampled) on
// the null scenarios: within [3%, 7%]; the closing blocks list the null cells outside, with the test's asymptotic p-value
// beside, the conservative exact binomial's range (at most 5% by construction, so not judged), and the size table by test
// and method.
// --scenarios: 0 i.i.d. hits, 1 GJR-t with the true VaR (nulls), 2 normal VaR on GJR-t data, 3 a VaR ignoring volatility
// clustering (alternatives), and outside the default run 4, a null with GJR volatility whose returns are drawn apart from
// it (tomorrow's forecast does not depend on today's return: where a p-value that holds the forecasts is exact), and 5,
// historical simulation on i.i.d. normal returns, its PITs the randomised ranks of the days among their windows, 6 and 7,
// fhs and gjr-evt run by the Core engine on i.i.d. normal returns (500-day window, refitted every 20 days).
// --held-forecasts: the GJR designs' laws without their forecast map (the law-based Monte Carlo then holds the
// forecasts and redraws the returns, as before 2026-12-04).
// --quick: 300 samples per cell. --cores: cells in parallel (each cell's stream depends only on its own seed,
// so the figures do not depend on it). --tests: only these catalogue tests (a cell's figures do not depend on which
// other tests run: each test reads the sample and its own seeded stream only).
var quick = args.Contains("--quick");
var samples = Int(Arg("--samples", quick ? "300" : "1000"));
var days = Arg("--days", "250,500,1000").Split(',').Select(Int).ToArray();
var levels = Arg("--levels", "0.99,0.975,0.95").Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
var scenarios = Arg("--scenarios", "0,1,2,3").Split(',').Select(Int).Select(i => Scenario.All[i]).ToArray();
var seed = Int(Arg("--seed", "1"));
var cores = Int(Arg("--cores", "1"));
var skip = Arg("--skip", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
var only = Arg("--tests", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
Scenario.HeldForecasts = args.Contains("--held-forecasts");
var tests = BacktestCatalog.All.Where(t => !skip.Contains(t.Name) && (only.Count == 0 || only.Contains(t.Name))).ToArray();

Console.WriteLine($"# backtest size and power: {samples} samples per cell, nominal 5%, seed {seed}, {cores} core(s); " +
                  $"Monte Carlo p-values with N = {DufourMonteCarlo.CachedReplications} (duration {DurationBacktest.MonteCarloReplications}, dq {DufourMonteCarlo.DefaultReplications})" +
                  (skip.Count > 0 ? $"; skipped: {string.Join(", ", skip)}" : string.Empty) +
                  (only.Count > 0 ? $"; only: {string.Join(", ", only)}" : string.Empty));
Console.WriteLine("scenario,days,level,test,method,rejection_rate,defined_share,seconds");
var cells = (from scenario in scenarios from T in days from alpha in levels select (Scenario: scenario, T, Alpha: alpha)).ToArray();
var results = new ConcurrentDictionary<int, Cell>();
var next = 0;
var printLock = new object();
Parallel.For(0, cells.Length, new ParallelOptions { MaxDegreeOfParallelism = cores }, index =>
{
    var (scenario, T, alpha) = cells[index];
    var clock = Stopwatch.StartNew();
    // A fixed function of the seed and the cell (HashCode.Combine is randomised per process), so reruns agree.
    var rng = new Random(unchecked(seed * 1_000_003 + T * 7_919 + (int)Math.Round(alpha * 10_000) * 31 + Array.IndexOf(scenarios, scenario) * 104_729));
    var losses = new double[T];
    var var = new double[T];
    var es = new double[T];
    var pits = new double[T];
    var volatility = new double[T];
    var counts = new Dictionary<(string Test, string Method), (int Rejected, int Defined)>();
    var order = new List<(string Test, string Method)>();
    for (var i = 0; i < samples; i++)
    {
        var law = scenario.Draw(rng, alpha, losses, var, es, pits, volatility);
        var data = new BacktestData(losses, var, es, alpha, Options, pits: pits, volatility: volatility, laws: law);
        foreach (var test in tests)
        {
            var result = test.Run(data);
            foreach (var p in result.PValues)
            {
                var key = (result.Test, p.Method);
                if (!counts.TryGetValue(key, out var c))
                {
                    order.Add(key);
                }

                counts[key] = double.IsNaN(p.Value) ? c : (c.Rejected + (p.Value < 0.05 ? 1 : 0), c.Defined + 1);
            }
        }
    }

    results[index] = new Cell(scenario, T, alpha, [.. order.Select(k => (k.Test, k.Method, counts[k].Rejected, counts[k].Defined))], clock.Elapsed.TotalSeconds);

    // Print the finished cells in order as soon as the ones before them are done.
    lock (printLock)
    {
        while (results.TryGetValue(next, out var done))
        {
            foreach (var (test, method, rejected, defined) in done.Rows)
            {
                Console.WriteLine(string.Join(',', Quote(done.Scenario.Name), done.Days, done.Alpha.ToString(CultureInfo.InvariantCulture), test, method,
                    defined > 0 ? ((double)rejected / defined).ToString("0.0000", CultureInfo.InvariantCulture) : "",
                    ((double)defined / samples).ToString("0.000", CultureInfo.InvariantCulture),
                    done.Seconds.ToString("0.0", CultureInfo.InvariantCulture)));
            }

            Console.Out.Flush();
            next++;
        }
    }
});

// The null cells whose judged finite-sample p-values (PValueMethods.IsJudged: mc, mid-p, bootstrap, resampled) reject
// outside [3%, 7%], each with its test's asymptotic p-values; the conservative exact binomial is not judged by its size
// (at most 5% by construction) but listed where it rejects above 7%, which would be a bug.
var nullCells = results.OrderBy(kv => kv.Key).Select(kv => kv.Value).Where(c => c.Scenario.IsNull).ToArray();
Console.WriteLine();
Console.WriteLine("# null cells with a judged finite-sample p-value outside [3%, 7%] (rate; the same test's asymptotic p-values beside)");
Console.WriteLine("scenario,days,level,test,method,rejection_rate,asymptotic");
int judged = 0, outside = 0;
foreach (var cell in nullCells)
{
    foreach (var (test, method, rejected, defined) in cell.Rows.Where(r => PValueMethods.IsJudged(r.Method) && r.Defined > 0))
    {
        judged++;
        var rate = (double)rejected / defined;
        if (rate is >= 0.03 and <= 0.07)
        {
            continue;
        }

        outside++;
        var asymptotic = string.Join(' ', cell.Rows.Where(r => r.Test == test && !PValueMethods.IsFiniteSample(r.Method) && r.Defined > 0)
            .Select(r => $"{r.Method}={(double)r.Rejected / r.Defined:0.0000}"));
        Console.WriteLine(string.Join(',', Quote(cell.Scenario.Name), cell.Days, cell.Alpha.ToString(CultureInfo.InvariantCulture), test, method,
            rate.ToString("0.0000", CultureInfo.InvariantCulture), asymptotic));
    }
}

Console.WriteLine($"# {outside} outside of {judged} judged null cells ({judged - outside} within [3%, 7%])");
var conservative = nullCells.SelectMany(c => c.Rows.Where(r => PValueMethods.IsConservative(r.Method) && r.Defined > 0)
    .Select(r => (double)r.Rejected / r.Defined)).ToArray();
if (conservative.Length > 0)
{
    Console.WriteLine($"# conservative (exact binomial, not judged): {conservative.Length} null cells, rejection rates " +
                      $"{conservative.Min():0.0000}–{conservative.Max():0.0000}, {conservative.Count(r => r > 0.07)} above 7%");
}

// Size by test and method over the null cells: finite-sample beside asymptotic (the README's size table).
Console.WriteLine();
Console.WriteLine("# size at a nominal 5% by test and method over the null cells");
Console.WriteLine("test,method,kind,cells,within_3_7,min_rate,max_rate");
foreach (var group in nullCells.SelectMany(c => c.Rows.Where(r => r.Defined > 0).Select(r => (r.Test, r.Method, Rate: (double)r.Rejected / r.Defined)))
             .GroupBy(r => (r.Test, r.Method)))
{
    var rates = group.Select(r => r.Rate).ToArray();
    var kind = PValueMethods.IsConservative(group.Key.Method) ? "conservative" : PValueMethods.IsFiniteSample(group.Key.Method) ? "finite-sample" : "asymptotic";
    Console.WriteLine(string.Join(',', group.Key.Test, group.Key.Method, kind, rates.Length, rates.Count(r => r is >= 0.03 and <= 0.07),
        rates.Min().ToString("0.0000", CultureInfo.InvariantCulture), rates.Max().ToString("0.0000", CultureInfo.InvariantCulture)));
}

return 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static string Quote(string s) => '"' + s + '"';

internal static partial class Program
{
    /// <summary>The battery as the bench runs it: every p-value, the opt-in ESR Monte Carlo ones included.</summary>
    private static readonly BacktestOptions Options = new() { EsrMonteCarlo = true };
}

internal sealed record Cell(Scenario Scenario, int Days, double Alpha, IReadOnlyList<(string Test, string Method, int Rejected, int Defined)> Rows, double Seconds);
