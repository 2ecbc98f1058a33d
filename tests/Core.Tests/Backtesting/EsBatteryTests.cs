using System.Globalization;
using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>
/// McNeil–Frey exceedance residuals, Acerbi–Székely Z1 and Z3: against scipy (Reference/es-tests.py) and closed
/// forms, their undefined cases, and the size and power of their p-values by simulation.
/// </summary>
public sealed class EsBatteryTests
{
    private static readonly string[] Reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "es-tests.txt"));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    // A correct normal forecast with volatility sigma_t: VaR, ES, PIT of each simulated loss; ES scaled by esFactor.
    private static BacktestData Normal(int days, double alpha, int seed, double esFactor = 1, double tailScale = 1, double df = 0)
    {
        var rng = new Random(seed);
        var z = StandardNormalQuantile(alpha);
        var esUnit = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI) / (1 - alpha);
        var sigma = Enumerable.Range(0, days).Select(t => 1 + 0.4 * Math.Sin(t / 25.0)).ToArray();
        var t = df > 0 ? new StudentT(0, Math.Sqrt((df - 2) / df), df, rng) : null;
        var losses = sigma.Select(s => s * tailScale * (t?.Sample() ?? MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1))).ToArray();
        var pits = losses.Select((l, i) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, -l / sigma[i])).ToArray();
        return new BacktestData(losses, sigma.Select(s => s * z).ToArray(), sigma.Select(s => s * esUnit * esFactor).ToArray(), alpha,
            pits: pits, volatility: sigma);
    }

    private static double StandardNormalQuantile(double alpha) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, alpha);

    [Fact]
    public void Z3_null_expectation_and_statistic_match_scipy()
    {
        var cases = 0;
        for (var i = 0; i < Reference.Length; i++)
        {
            var p = Reference[i].Split(' ');
            if (p[0] == "z3-null")
            {
                Assert.Equal(D(p[3]), EsZ3Backtest.ExpectedShortfallUnderNull(int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture)), 10);
                cases++;
            }
            else if (p[0] == "z3")
            {
                var pits = Reference[i + 1].Split(' ').Select(D).ToArray();
                Assert.Equal(D(p[3]), EsZ3Backtest.Statistic(pits, 1 - D(p[2])), 10);
                cases++;
            }
        }

        Assert.Equal(8, cases);
    }

    [Fact]
    public void McNeil_Frey_statistic_and_t_p_value_match_scipy_and_the_bootstrap_agrees()
    {
        var cases = 0;
        for (var i = 0; i < Reference.Length; i++)
        {
            var p = Reference[i].Split(' ');
            if (p[0] != "mf")
            {
                continue;
            }

            // Residuals as L − ES on exception days: every loss beyond a VaR of −100, ES of 1.
            var residuals = Reference[i + 1].Split(' ').Select(D).ToArray();
            var losses = residuals.Select(x => x + 1).ToArray();
            var data = new BacktestData(losses, Enumerable.Repeat(-100.0, losses.Length).ToArray(), Enumerable.Repeat(1.0, losses.Length).ToArray(), 0.975);
            var r = new McNeilFreyBacktest(standardised: false).Run(data);
            Assert.Equal(D(p[2]), r.Statistic, 12);
            Assert.Equal(D(p[3]), r.PValueOf(PValueMethods.Normal), 10);
            Assert.Equal(residuals.Length - 1, r.DegreesOfFreedom);
            // The bootstrap-t is near the Student-t p-value on these (near-normal or clearly rejected) samples.
            Assert.True(Math.Abs(r.PValue - D(p[3])) < 0.06, $"{p[1]}: bootstrap {r.PValue} vs t {D(p[3])}");
            cases++;
        }

        Assert.Equal(2, cases);
    }

    [Fact]
    public void Esr_intercept_estimates_the_tail_mean_and_its_standard_error()
    {
        // Errors y = r − e ~ N(0, 1) at p = 2.5%, a constant forecast (the quantile line a constant): ĝ₀ → −φ(z)/p = −2.3378,
        // and the standard error matches the spread of ĝ₀.
        var rng = new Random(3);
        const int days = 4000;
        var estimates = new List<double>();
        var errors = new List<double>();
        var fitter = new QuantileEsRegression.ConstantEsFitter(days, 1 - 0.975); // p as a level gives it: T p = 100 + 1e-13
        var constant = new double[days];
        for (var i = 0; i < 60; i++)
        {
            var y = Enumerable.Range(0, days).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)).ToArray();
            var fit = fitter.Fit(y, constant)!;
            estimates.Add(-fit.Es);
            errors.Add(Math.Sqrt(fit.EsVariance));
            if (i == 0)
            {
                // The former form's estimate (T p = 100 tail points of x = −y, the 100th largest the quantile): the same.
                var x = y.Select(v => -v).OrderDescending().ToArray();
                var q = x[99];
                var es = q + x.Take(100).Sum(v => v - q) / (days * 0.025);
                var tailMean = x.Take(100).Average();
                var tail = x.Take(100).Sum(v => (v - tailMean) * (v - tailMean)) / 99;
                Assert.Equal(es, -fit.Es, 10);
                Assert.Equal((tail + 0.975 * (es - q) * (es - q)) / (0.025 * days), fit.EsVariance, 12);
            }
        }

        var z = StandardNormalQuantile(0.975);
        var expected = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI) / 0.025;
        var mean = estimates.Average();
        var spread = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Count - 1));
        Assert.True(Math.Abs(mean - expected) < 3 * spread / Math.Sqrt(estimates.Count), $"ê {mean} vs {expected}");
        Assert.InRange(errors.Average() / spread, 0.75, 1.3);

        // The statistic is −ĝ₀ / se; undefined with fewer than three tail points.
        Assert.Equal("fewer than three tail points (T(1 − α) < 3)", new EsrInterceptBacktest().Run(Normal(200, 0.99, 1)).Undefined);
        var r = new EsrInterceptBacktest().Run(Normal(500, 0.975, 2));
        Assert.Null(r.Undefined);
        Assert.Equal(2 * Math.Min(r.PValueOf(PValueMethods.Normal), 1 - r.PValueOf(PValueMethods.Normal)), r.PValueOf(PValueMethods.NormalTwoSided), 12);
    }

    [Fact]
    public void Z1_is_one_minus_the_mean_severity_and_undefined_without_exceptions()
    {
        double[] losses = [0.5, 3.0, 0.1, 2.5, -1, 4.0, 2.2, 2.9];
        double[] var = [1, 2, 1, 2, 1, 2, 2, 2];
        double[] es = [1.5, 2.5, 1.5, 2.5, 1.5, 3.0, 2.5, 2.5];
        double[] severities = [3.0 / 2.5, 2.5 / 2.5, 4.0 / 3.0, 2.2 / 2.5, 2.9 / 2.5];
        var r = new EsZ1Backtest().Run(new BacktestData(losses, var, es, 0.99));
        Assert.Equal(1 - severities.Average(), r.Statistic, 14);
        Assert.InRange(r.PValue, 0, 1);
        Assert.Equal(PValueMethods.Resampled, r.Method);
        Assert.Null(r.Undefined);
        // The resampled p-value is the skew-corrected bootstrap-t of the severities' mean against 1.
        Assert.Equal(SkewCorrectedBootstrap.PValue(severities, 1, DufourMonteCarlo.SeedOf(EsZ1Backtest.TestName), EsZ1Backtest.Replications),
            r.PValue);
        // With one to four exceptions the statistic is given, the resampled p-value is not (one severity has no spread: it
        // used to give p = 1/(B + 1) whenever L > ES; up to four have too coarse a resampling law, SkewCorrectedBootstrap).
        var two = new EsZ1Backtest().Run(new BacktestData([3.0, 0.1, 2.4], [2, 1, 2], [2.5, 1.5, 2.5], 0.99));
        Assert.Equal(1 - (3.0 / 2.5 + 2.4 / 2.5) / 2, two.Statistic, 14);
        Assert.True(double.IsNaN(two.PValue));
        Assert.Equal("fewer than five exceptions (the resampled p-value needs five)", two.Undefined);
        var four = new EsZ1Backtest().Run(new BacktestData(losses[..7], var[..7], es[..7], 0.99));
        Assert.Equal(1 - severities[..4].Average(), four.Statistic, 14);
        Assert.True(double.IsNaN(four.PValue));
        Assert.Equal("fewer than five exceptions (the resampled p-value needs five)", four.Undefined);

        Assert.Equal("no exceptions", new EsZ1Backtest().Run(new BacktestData([0.1, 0.2], [1, 1], [2, 2], 0.99)).Undefined);
        Assert.Equal("an exception day has no positive ES", new EsZ1Backtest().Run(new BacktestData([3.0], [1], [0], 0.99)).Undefined);
        var few = new McNeilFreyBacktest(standardised: false).Run(new BacktestData([3.0, 2.0, 0], [1, 1, 1], [2, 2, 2], 0.99));
        Assert.Equal("fewer than three exceptions", few.Undefined);
        // Three or four exceptions: the statistic and the Student t p-value, not the bootstrap's (it needs five).
        var mf4 = new McNeilFreyBacktest(standardised: false).Run(new BacktestData([3.0, 2.0, 4.5, 0, 2.2], [1, 1, 1, 1, 1], [2, 2, 2, 2, 2], 0.99));
        var (m4, s4, _) = SkewCorrectedBootstrap.Moments([1.0, 0.0, 2.5, 0.2]);
        Assert.Equal(m4 / (s4 / 2), mf4.Statistic, 14);
        Assert.Equal(3, mf4.DegreesOfFreedom);
        Assert.True(double.IsNaN(mf4.PValue));
        Assert.InRange(mf4.PValueOf(PValueMethods.Normal), 0, 1);
        Assert.Equal("fewer than five exceptions (the bootstrap p-value needs five)", mf4.Undefined);
        var mf5 = new McNeilFreyBacktest(standardised: false).Run(new BacktestData([3.0, 2.0, 4.5, 0, 2.2, 2.7], [1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2], 0.99));
        Assert.Equal(SkewCorrectedBootstrap.PValue([1.0, 0.0, 2.5, 0.2, 0.7], 0, DufourMonteCarlo.SeedOf(McNeilFreyBacktest.RawName),
            McNeilFreyBacktest.Replications), mf5.PValue);
        Assert.Null(mf5.Undefined);
        Assert.Equal("the forecasts have no volatility",
            new McNeilFreyBacktest(standardised: true).Run(new BacktestData([3.0, 2.0, 0], [1, 1, 1], [2, 2, 2], 0.99)).Undefined);
        Assert.Contains("no PIT", new EsZ3Backtest().Run(new BacktestData([3.0, 2.0, 0], [1, 1, 1], [2, 2, 2], 0.99)).Undefined);
        Assert.Equal("fewer than 100 observations",
            new EsZ3Backtest().Run(new BacktestData([3.0, 2.0], [1, 1], [2, 2], 0.99, pits: [0.001, 0.5])).Undefined);
    }

    [Fact]
    public void Under_correct_forecasts_the_p_values_have_their_size_and_they_reject_a_heavier_tail()
    {
        // 150 samples of 500 days at 97.5% (12.5 expected exceptions) with correct normal forecasts.
        const int samples = 150;
        var rejections = new Dictionary<string, int>();
        for (var i = 0; i < samples; i++)
        {
            var data = Normal(500, 0.975, 100 + i);
            foreach (var test in new IBacktest[] { new EsZ1Backtest(), new EsZ3Backtest(), new McNeilFreyBacktest(false), new McNeilFreyBacktest(true), new EsrInterceptBacktest() })
            {
                var r = test.Run(data);
                rejections[test.Name] = rejections.GetValueOrDefault(test.Name) + (r.PValue <= 0.05 ? 1 : 0);
            }
        }

        // Nominal 5% of 150 is 7.5; the binomial 99.9% band is 1–18 (the bootstraps run a little liberal on ~12 exceptions).
        Assert.All(rejections, kv => Assert.InRange(kv.Value, 1, 18));

        // t(3) losses scaled to the same variance under the normal forecasts: the tail beyond VaR is heavier.
        int z1 = 0, z3 = 0, mf = 0, esr = 0;
        for (var i = 0; i < 20; i++)
        {
            var data = Normal(1000, 0.99, 900 + i, df: 3);
            z1 += new EsZ1Backtest().Run(data).PValue <= 0.05 ? 1 : 0;
            z3 += new EsZ3Backtest().Run(data).PValue <= 0.05 ? 1 : 0;
            mf += new McNeilFreyBacktest(true).Run(data).PValue <= 0.05 ? 1 : 0;
            esr += new EsrInterceptBacktest().Run(Normal(1000, 0.975, 950 + i, esFactor: 0.8)).PValue <= 0.05 ? 1 : 0;
        }

        Assert.True(z1 >= 10 && z3 >= 10 && mf >= 10 && esr >= 10, $"power of 20: z1 {z1}, z3 {z3}, mcneil-frey-std {mf}, esr-intercept (ES 20% low) {esr}");
    }
}
