using System.Globalization;
using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Exact and mid-p Kupiec values against scipy, and the Dufour Monte Carlo p-values' determinism, law and size.</summary>
public sealed class FiniteSamplePValueTests
{
    /// <summary>A series whose hits are <paramref name="hits"/>, with continuous losses so that samples differ (VaR 0).</summary>
    private static BacktestData Data(bool[] hits, double alpha, int seed)
    {
        var rng = new Random(seed);
        var losses = hits.Select(h => h ? 1 + rng.NextDouble() : -rng.NextDouble()).ToArray();
        return new BacktestData(losses, new double[hits.Length], Enumerable.Repeat(1.5, hits.Length).ToArray(), alpha);
    }

    [Fact]
    public void Exact_and_mid_p_coverage_p_values_match_scipy_binomtest()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "binomial-coverage.txt"))
            .Where(l => !l.StartsWith('#')).ToList();
        Assert.True(lines.Count >= 15);
        foreach (var line in lines)
        {
            var f = line.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var (exact, midP) = KupiecTest.ExactPValues((int)f[0], (int)f[1], f[2]);
            Assert.True(Math.Abs(exact - f[3]) <= 1e-10 * Math.Max(1e-6, f[3]), $"{line}: exact {exact}");
            Assert.True(Math.Abs(midP - f[4]) <= 1e-10 * Math.Max(1e-6, f[4]), $"{line}: mid-p {midP}");
        }

        Assert.Equal((double.NaN, double.NaN), KupiecTest.ExactPValues(0, 0, 0.01));
    }

    [Fact]
    public void Kupiec_reports_chi2_first_then_exact_mid_p_and_monte_carlo()
    {
        var data = Data(HitSequences.Bernoulli(250, 0.01, 3), 0.99, 1);
        var kupiec = new KupiecBacktest().Run(data);
        Assert.Equal([PValueMethods.ChiSquared, PValueMethods.Exact, PValueMethods.MidP, PValueMethods.MonteCarlo],
            kupiec.PValues.Select(p => p.Method));
        Assert.Equal(KupiecTest.Compute(data.Hits, data.ExpectedRate).PValue, kupiec.PValue);
        Assert.Equal(KupiecTest.ExactPValues(250, data.Exceptions, data.ExpectedRate).Exact, kupiec.PValueOf(PValueMethods.Exact));
    }

    [Fact]
    public void The_exact_binomial_is_conservative_and_mid_p_holds_its_size_which_is_why_mid_p_is_the_verdict()
    {
        // Sizes at a nominal 5% summed exactly over the binomial law of the exception count (scipy gives the same
        // figures: exact 3.65–4.96%, mid-p 3.77–5.85%).
        foreach (var days in new[] { 250, 500, 1000 })
        {
            foreach (var p in new[] { 0.01, 0.025, 0.05 })
            {
                double exactSize = 0, midPSize = 0;
                for (var k = 0; k <= days; k++)
                {
                    var (exact, midP) = KupiecTest.ExactPValues(days, k, p);
                    var mass = Binomial.PMF(p, days, k);
                    exactSize += exact < 0.05 ? mass : 0;
                    midPSize += midP < 0.05 ? mass : 0;
                }

                Assert.True(exactSize <= 0.05, $"T {days}, p {p}: exact size {exactSize:F4}");
                Assert.InRange(midPSize, 0.03, 0.07);
            }
        }

        Assert.True(PValueMethods.IsConservative(PValueMethods.Exact));
        Assert.False(PValueMethods.IsJudged(PValueMethods.Exact));
        Assert.True(PValueMethods.IsJudged(PValueMethods.MidP));
        Assert.False(PValueMethods.IsFiniteSample(PValueMethods.ChiSquared));
        var kupiec = new KupiecBacktest().Run(Data(HitSequences.Bernoulli(250, 0.01, 3), 0.99, 1));
        Assert.Equal(new PValue(PValueMethods.MidP, kupiec.PValueOf(PValueMethods.MidP)), kupiec.FiniteSample);
        Assert.Null(new TestResult("asymptotic", 1, 1, [new PValue(PValueMethods.ChiSquared, 0.3)], null).FiniteSample);
    }

    [Fact]
    public void Monte_carlo_p_values_are_the_same_on_every_run_and_lie_on_the_dufour_grid()
    {
        var data = Data(HitSequences.Markov(500, 0.02, 0.2, 8), 0.975, 2);
        var first = BacktestCatalog.Run(data);
        var again = BacktestCatalog.Run(Data(HitSequences.Markov(500, 0.02, 0.2, 8), 0.975, 2)); // rebuilt, same values
        Assert.Equal(first, again);
        foreach (var test in first.Where(t => !double.IsNaN(t.PValueOf(PValueMethods.MonteCarlo))))
        {
            var p = test.PValueOf(PValueMethods.MonteCarlo);
            var n = test.Test switch
            {
                DurationBacktest.TestName => DurationBacktest.MonteCarloReplications,
                DqBacktest.TestName => DufourMonteCarlo.DefaultReplications,
                _ => DufourMonteCarlo.CachedReplications,
            };
            var k = p * (n + 1);
            Assert.Equal(Math.Round(k), k, 6); // (1 + count) / (N + 1)
            Assert.InRange(p, 1.0 / (n + 1), 1);
        }

        // Clustered hits (p11 = 0.2 ≫ 0.025): the independence test's Monte Carlo p-value rejects.
        Assert.True(first.Single(t => t.Test == IndependenceBacktest.TestName).PValueOf(PValueMethods.MonteCarlo) < 0.05);
    }

    [Fact]
    public void Kupiec_monte_carlo_p_value_lies_between_the_exact_strict_and_weak_tails_of_its_binomial_law()
    {
        // P(LR > s) ≤ p_mc ≤ P(LR ≥ s) up to Monte Carlo error (ties are split by U_0), with the tails
        // from the binomial law of the exception count.
        foreach (var (days, p, seed) in new[] { (250, 0.01, 1), (250, 0.05, 2), (500, 0.025, 3), (1000, 0.01, 4) })
        {
            var data = Data(HitSequences.Bernoulli(days, p * 1.6, seed), 1 - p, seed);
            var kupiec = new KupiecBacktest().Run(data);
            var observed = kupiec.Statistic;
            double above = 0, atLeast = 0;
            for (var x = 0; x <= days; x++)
            {
                var lr = KupiecTest.FromCounts(days, x, data.ExpectedRate).Statistic;
                var mass = Binomial.PMF(data.ExpectedRate, days, x);
                if (lr > observed + 1e-9)
                {
                    above += mass;
                }

                if (lr >= observed - 1e-9)
                {
                    atLeast += mass;
                }
            }

            var mc = kupiec.PValueOf(PValueMethods.MonteCarlo);
            Assert.InRange(mc, above - 0.025, atLeast + 0.025);
        }
    }

    [Fact]
    public void Monte_carlo_p_values_have_their_size_on_short_samples_where_the_asymptotic_ones_do_not()
    {
        // 600 samples of 250 days of independent 1% hits (about 2.5 exceptions each): reject at 5%.
        const int samples = 600;
        var rejected = new Dictionary<(string, string), (int Rejected, int Defined)>();
        for (var i = 0; i < samples; i++)
        {
            foreach (var test in BacktestCatalog.Run(Data(HitSequences.Bernoulli(250, 0.01, 1000 + i), 0.99, i)))
            {
                foreach (var p in test.PValues.Where(p => !double.IsNaN(p.Value)))
                {
                    var c = rejected.GetValueOrDefault((test.Test, p.Method));
                    rejected[(test.Test, p.Method)] = (c.Rejected + (p.Value < 0.05 ? 1 : 0), c.Defined + 1);
                }
            }
        }

        double Rate(string test, string method) => (double)rejected[(test, method)].Rejected / rejected[(test, method)].Defined;
        foreach (var test in new[] { KupiecBacktest.TestName, IndependenceBacktest.TestName, ConditionalCoverageBacktest.TestName, DurationBacktest.TestName })
        {
            // Binomial standard error ~0.9% (less defined samples for the duration test): 3.5 of them.
            Assert.InRange(Rate(test, PValueMethods.MonteCarlo), 0.015, 0.09);
        }

        Assert.InRange(Rate(KupiecBacktest.TestName, PValueMethods.Exact), 0.015, 0.07);
        Assert.True(Rate(DurationBacktest.TestName, PValueMethods.ChiSquared) > 0.12, "the asymptotic duration test over-rejects here");
        Assert.True(Rate(IndependenceBacktest.TestName, PValueMethods.ChiSquared) < 0.03, "the asymptotic independence test under-rejects here");
    }
}
