using System.Diagnostics;
using System.Globalization;
using RiskGrid.BacktestBench;
using RiskGrid.Core.Backtesting;

// Size and power of every catalogued backtest's p-values at a nominal 5%:
//   dotnet run -c Release --project bench/BacktestBench -- [--samples 1000] [--days 250,500,1000] [--levels 0.99,0.975,0.95]
//                                                           [--scenarios 0,1,2,3] [--seed 1]
// One row per scenario, T, level, test and p-value method: the share of samples rejecting (p < 5%)
// among those where the p-value is defined, and that share of defined samples. Goal for the
// finite-sample (mc, exact, mid-p) p-values on the null scenarios: within [3%, 7%].
var samples = Int(Arg("--samples", "1000"));
var days = Arg("--days", "250,500,1000").Split(',').Select(Int).ToArray();
var levels = Arg("--levels", "0.99,0.975,0.95").Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
var scenarios = Arg("--scenarios", "0,1,2,3").Split(',').Select(Int).Select(i => Scenario.All[i]).ToArray();
var seed = Int(Arg("--seed", "1"));

Console.WriteLine($"# backtest size and power: {samples} samples per cell, nominal 5%, seed {seed}; " +
                  $"Monte Carlo p-values with N = {DufourMonteCarlo.CachedReplications} (duration {DurationBacktest.MonteCarloReplications}, dq {DufourMonteCarlo.DefaultReplications})");
Console.WriteLine("scenario,days,level,test,method,rejection_rate,defined_share,seconds");
foreach (var scenario in scenarios)
{
    foreach (var T in days)
    {
        foreach (var alpha in levels)
        {
            var clock = Stopwatch.StartNew();
            var rng = new Random(HashCode.Combine(seed, T, alpha.GetHashCode(), scenario.Name.Length));
            var losses = new double[T];
            var var = new double[T];
            var es = new double[T];
            var counts = new Dictionary<(string Test, string Method), (int Rejected, int Defined)>();
            var order = new List<(string, string)>();
            for (var i = 0; i < samples; i++)
            {
                scenario.Draw(rng, alpha, losses, var, es);
                foreach (var test in BacktestCatalog.Run(new BacktestData(losses, var, es, alpha)))
                {
                    foreach (var p in test.PValues)
                    {
                        var key = (test.Test, p.Method);
                        if (!counts.TryGetValue(key, out var c))
                        {
                            order.Add(key);
                        }

                        counts[key] = double.IsNaN(p.Value) ? c : (c.Rejected + (p.Value < 0.05 ? 1 : 0), c.Defined + 1);
                    }
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            foreach (var key in order)
            {
                var (rejected, defined) = counts[key];
                Console.WriteLine(string.Join(',', Quote(scenario.Name), T, alpha.ToString(CultureInfo.InvariantCulture), key.Item1, key.Item2,
                    defined > 0 ? ((double)rejected / defined).ToString("0.0000", CultureInfo.InvariantCulture) : "",
                    ((double)defined / samples).ToString("0.000", CultureInfo.InvariantCulture),
                    seconds.ToString("0.0", CultureInfo.InvariantCulture)));
            }

            Console.Out.Flush();
        }
    }
}

return 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static string Quote(string s) => '"' + s + '"';
