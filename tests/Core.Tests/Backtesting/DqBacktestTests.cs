using System.Globalization;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The DQ test against statsmodels (Reference/dq-test.py), its undefined cases, and its size by simulation.</summary>
public sealed class DqBacktestTests
{
    private static BacktestData Data(bool[] hits, double[] var, double alpha, int seed = 1)
    {
        var rng = new Random(seed);
        var losses = hits.Select((h, t) => h ? var[t] + 1 + rng.NextDouble() : var[t] - 1 - rng.NextDouble()).ToArray();
        return new BacktestData(losses, var, var.Select(v => v * 1.2).ToArray(), alpha);
    }

    [Fact]
    public void Statistic_and_chi2_p_value_match_statsmodels_ols()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "dq-test.txt"));
        var cases = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("case ", StringComparison.Ordinal))
            {
                continue;
            }

            var head = lines[i].Split(' ');
            var (alpha, dq, p) = (D(head[2]), D(head[3]), D(head[4]));
            var hits = lines[i + 1].Select(c => c == '1').ToArray();
            var var = lines[i + 2].Split(' ').Select(D).ToArray();
            var result = new DqBacktest().Run(Data(hits, var, alpha));
            Assert.True(Math.Abs(result.Statistic - dq) <= 1e-9 * dq, $"{head[1]}: {result.Statistic} vs {dq}");
            Assert.True(Math.Abs(result.PValue - p) <= 1e-8 * p, $"{head[1]}: p {result.PValue} vs {p}");
            Assert.Equal(6, result.DegreesOfFreedom);
            Assert.Null(result.Undefined);
            cases++;
        }

        Assert.Equal(4, cases);

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Undefined_without_exceptions_with_a_constant_var_or_too_few_days()
    {
        var var = Enumerable.Range(0, 300).Select(t => 2 + Math.Sin(t / 10.0)).ToArray();
        var none = new DqBacktest().Run(Data(new bool[300], var, 0.99));
        Assert.True(double.IsNaN(none.Statistic) && double.IsNaN(none.PValue));
        Assert.Contains("collinear", none.Undefined);

        var hits = HitSequences.Bernoulli(300, 0.05, 4);
        var constant = new DqBacktest().Run(Data(hits, Enumerable.Repeat(2.0, 300).ToArray(), 0.95));
        Assert.Contains("collinear", constant.Undefined);
        Assert.True(double.IsNaN(constant.PValueOf(PValueMethods.MonteCarlo)));

        var few = new DqBacktest().Run(Data(hits[..10], var[..10], 0.95));
        Assert.Equal("fewer than 11 observations", few.Undefined);
        Assert.False(double.IsNaN(new DqBacktest().Run(Data(hits[..11], var[..11], 0.95)).Statistic));
    }

    [Fact]
    public void Clustered_hits_are_rejected_and_the_monte_carlo_p_value_has_its_size_on_short_samples()
    {
        var var = Enumerable.Range(0, 250).Select(t => 2.3 * (1 + 0.3 * Math.Sin(t / 20.0))).ToArray();
        var clustered = new DqBacktest().Run(Data(HitSequences.Markov(250, 0.02, 0.4, 7), var, 0.975));
        Assert.True(clustered.PValue < 0.01 && clustered.PValueOf(PValueMethods.MonteCarlo) < 0.01);

        // 150 samples of 250 days of independent 2.5% hits: the Monte Carlo p-value rejects about 5%.
        const int samples = 150;
        int mc = 0, defined = 0;
        for (var i = 0; i < samples; i++)
        {
            var r = new DqBacktest().Run(Data(HitSequences.Bernoulli(250, 0.025, 500 + i), var, 0.975, i));
            if (double.IsNaN(r.Statistic))
            {
                continue;
            }

            defined++;
            mc += r.PValueOf(PValueMethods.MonteCarlo) < 0.05 ? 1 : 0;
        }

        Assert.InRange((double)mc / defined, 0.005, 0.11); // binomial SE 1.8%: 3.3 of them
        Assert.True(defined > 140);
    }

    [Fact]
    public void Monte_carlo_replicates_are_drawn_per_series_so_series_with_one_var_path_do_not_share_them()
    {
        // DataPValue seeds its stream by the test and the data (since 2026-12-03): series with the same VaR but other hits
        // get their own replicates. A statistic of the hits without ties (days weighted by √(t + 2)) at one observed value
        // then has other p-values on other series; with the stream seeded by the name alone, as before, the five were one
        // number (the replicates the same, no ties for U_0 to break).
        var var = Enumerable.Range(0, 300).Select(t => 2 + Math.Sin(t / 20.0)).ToArray();
        double Weighted(bool[] hits) => hits.Select((h, t) => h ? Math.Sqrt(t + 2) : 0).Sum();
        var pValues = Enumerable.Range(0, 5)
            .Select(i => DufourMonteCarlo.DataPValue(DqBacktest.TestName, Data(HitSequences.Bernoulli(300, 0.05, 40 + i), var, 0.95, i), 190, Weighted)!.Value.Value)
            .ToArray();
        Assert.All(pValues, p => Assert.InRange(p, 0.2, 0.8)); // 190 is near the statistic's median (≈ 15 hits of ≈ 12.3)
        Assert.True(pValues.Distinct().Count() > 1, string.Join(", ", pValues));
    }
}
