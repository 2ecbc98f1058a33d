using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Models;

/// <summary>
/// The PIT of every Core model with a predictive distribution, against closed forms: the CDF written out here,
/// and PIT(−VaR_α) = 1 − α (the PIT is the CDF whose quantiles the forecasts are).
/// </summary>
public sealed class PitTests
{
    private static readonly double[] Alphas = [0.95, 0.975, 0.99];

    [Fact]
    public void Empirical_cdf_is_linear_between_order_statistics_with_mid_jumps_at_ties()
    {
        // Order statistics 1..5 at probabilities 0, ¼, ½, ¾, 1 (R type 7's plotting positions).
        double[] sample = [3, 1, 2, 5, 4];
        Assert.Equal(0.375, EmpiricalQuantile.CumulativeProbability(sample, 2.5), 15);
        Assert.Equal(0.75, EmpiricalQuantile.CumulativeProbability(sample, 4), 15);
        Assert.Equal(0, EmpiricalQuantile.CumulativeProbability(sample, 0.5));
        Assert.Equal(0, EmpiricalQuantile.CumulativeProbability(sample, 1));
        Assert.Equal(1, EmpiricalQuantile.CumulativeProbability(sample, 5));
        Assert.Equal(1, EmpiricalQuantile.CumulativeProbability(sample, 7));

        // Three 2s: F jumps from ¼ to ¾ there and the tie gets ½; between the points it stays linear.
        double[] tied = [2, 1, 3, 2, 2];
        Assert.Equal(0.5, EmpiricalQuantile.CumulativeProbability(tied, 2), 15);
        Assert.Equal(0.125, EmpiricalQuantile.CumulativeProbability(tied, 1.5), 15);
        Assert.Equal(0.875, EmpiricalQuantile.CumulativeProbability(tied, 2.5), 15);
        Assert.Throws<ArgumentException>(() => EmpiricalQuantile.CumulativeProbability([1.0], 1));
    }

    [Fact]
    public void Empirical_cdf_inverts_the_type7_quantile()
    {
        var sample = Series.NoisyReturns(300, 4);
        var sorted = sample.Order().ToArray();
        for (var p = 0.001; p < 1; p += 0.00731)
        {
            Assert.Equal(p, EmpiricalQuantile.CumulativeProbability(sample, EmpiricalQuantile.QuantileOfSorted(sorted, p)), 10);
        }
    }

    [Fact]
    public void Historical_simulation_pit_is_the_window_cdf_and_flags_exactly_the_exceptions()
    {
        var returns = Series.NoisyReturns(500, 8);
        var window = ModelWindow.OfReturns(returns);
        var model = new HistoricalSimulation();
        var forecasts = model.Forecast(window, ModelFit.Empty, Alphas);
        foreach (var f in forecasts)
        {
            Assert.Equal(1 - f.Alpha, model.Pit(window, ModelFit.Empty, -f.VaR), 10);
        }

        AssertExceptionsAreLowPits(model, window, ModelFit.Empty, forecasts, seed: 1);
        Assert.Equal(0, model.Pit(window, ModelFit.Empty, returns.Min() - 1));
        Assert.Equal(1, model.Pit(window, ModelFit.Empty, returns.Max() + 1));
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Empty, double.NaN)));
    }

    [Fact]
    public void Historical_simulation_pits_of_iid_returns_follow_the_rank_law_atoms_at_zero_and_one_included()
    {
        // Exchangeable returns: the number K of the n window returns below the next one is uniform on {0, …, n}. The
        // type-7 CDF puts the i-th order statistic at (i − 1)/(n − 1), so the PIT is 0 when K = 0, 1 when K = n and in
        // ((K − 1)/(n − 1), K/(n − 1)) otherwise: P(PIT ≤ j/(n − 1)) = (j + 1)/(n + 1) for j < n − 1, and P(PIT = 0) =
        // P(PIT = 1) = 1/(n + 1).
        const int n = 20, trials = 40_000;
        var model = new HistoricalSimulation();
        var rng = new Random(11);
        var atOrBelow = new int[n - 1];
        int zeros = 0, ones = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var window = new double[n];
            for (var i = 0; i < n; i++)
            {
                window[i] = Gaussian(rng);
            }

            var next = Gaussian(rng);
            var pit = model.Pit(ModelWindow.OfReturns(window), ModelFit.Empty, next);
            var k = window.Count(r => r < next);
            if (k == 0)
            {
                Assert.Equal(0, pit);
            }
            else if (k == n)
            {
                Assert.Equal(1, pit);
            }
            else
            {
                Assert.InRange(pit, (k - 1.0) / (n - 1), k / (n - 1.0));
            }

            zeros += pit == 0 ? 1 : 0;
            ones += pit == 1 ? 1 : 0;
            for (var j = 0; j < n - 1; j++)
            {
                atOrBelow[j] += pit <= j / (n - 1.0) ? 1 : 0;
            }
        }

        // Within 4.5 binomial standard errors (about 0.005 here): far less than the gap to a uniform law (1/(n + 1) ≈ 0.048
        // at j = 0, 2/(n + 1) − 1/(n − 1) ≈ 0.043 at j = 1).
        static void Near(double expected, int count, string what) =>
            Assert.True(Math.Abs((double)count / trials - expected) < 4.5 * Math.Sqrt(expected * (1 - expected) / trials),
                $"{what}: {(double)count / trials:F4}, expected {expected:F4}");
        Near(1.0 / (n + 1), zeros, "P(PIT = 0)");
        Near(1.0 / (n + 1), ones, "P(PIT = 1)");
        for (var j = 0; j < n - 1; j++)
        {
            Near((j + 1.0) / (n + 1), atOrBelow[j], $"P(PIT ≤ {j}/{n - 1})");
        }
    }

    [Fact]
    public void Rolling_historical_simulation_records_carry_the_type7_cdf_of_the_window_before_their_day()
    {
        // A 20-day window: each realised record's PIT is the piecewise-linear CDF through (z₍ᵢ₎, (i − 1)/(n − 1)) of the 20
        // returns up to its origin, at the return of its target day, written out here (no look-ahead: the day itself is
        // not in the window).
        var returns = Series.NoisyReturns(80, 21);
        var options = new RollingOptions { Window = 20, RefitEvery = 1, Alphas = [0.95] };
        var run = RollingEngine.RunPair(Series.FromReturns("X", returns), new HistoricalSimulation(), options);
        var realised = run.Forecasts.Where(f => f.IsRealized).ToList();
        Assert.Equal(returns.Length - 20, realised.Count);
        for (var d = 0; d < realised.Count; d++)
        {
            var z = returns.Skip(d).Take(20).Order().ToArray();
            var r = returns[d + 20];
            var i = Array.FindLastIndex(z, v => v <= r);
            var expected = i < 0 ? 0 : i == z.Length - 1 ? 1 : (i + (r - z[i]) / (z[i + 1] - z[i])) / (z.Length - 1);
            Assert.Equal(expected, realised[d].Pit, 9);
            Assert.Equal(realised[d].IsException(0), realised[d].Pit < 0.05);
        }
    }

    [Fact]
    public void Normal_pit_is_phi_of_the_standardised_return()
    {
        var returns = Series.NoisyReturns(250, 3);
        var window = ModelWindow.OfReturns(returns);
        var model = new ParametricNormal();
        var fit = model.Fit(window, null);
        var (mu, sigma) = (returns.Average(), Math.Sqrt(returns.Sum(r => (r - returns.Average()) * (r - returns.Average())) / (returns.Length - 1)));
        foreach (var r in new[] { -4.0, -1.2, 0, 0.7, 3.3 })
        {
            Assert.Equal(Normal.CDF(mu, sigma, r), model.Pit(window, fit, r), 12);
        }

        AssertPitOfVarIsTheTailProbability(model, window, fit);
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Failure("no"), 0)));
    }

    [Fact]
    public void Ewma_pit_is_phi_of_the_return_over_the_ewma_volatility()
    {
        var returns = Series.NoisyReturns(300, 5);
        var window = ModelWindow.OfReturns(returns);
        var model = new RiskMetricsEwma(0.94);
        var fit = model.Fit(window, null);

        // The recursion written out: σ² starts at the mean square, then λσ² + (1 − λ)r² over the window.
        var variance = returns.Average(r => r * r);
        foreach (var r in returns)
        {
            variance = 0.94 * variance + 0.06 * r * r;
        }

        foreach (var r in new[] { -3.0, -0.4, 0.25, 2.0 })
        {
            Assert.Equal(Normal.CDF(0, Math.Sqrt(variance), r), model.Pit(window, fit, r), 12);
        }

        AssertPitOfVarIsTheTailProbability(model, window, fit);
    }

    [Fact]
    public void Student_t_pit_is_the_unit_variance_t_cdf_closed_form_at_four_degrees_of_freedom()
    {
        // ν = 4: F(x) = ½ + (3/8)·(x/√(1 + x²/4))·(1 − x²/(12(1 + x²/4))), for the standard t; unit variance: x = z·√2.
        static double T4(double x) => 0.5 + 0.375 * (x / Math.Sqrt(1 + x * x / 4)) * (1 - x * x / (12 * (1 + x * x / 4)));
        var window = ModelWindow.OfReturns(Series.NoisyReturns(100, 2));
        var model = new ParametricStudentT();
        var fit = new ModelFit(FitStatus.Converged, [0.05, 1.3, 4], null, double.NaN, 0);
        foreach (var r in new[] { -6.0, -2.1, 0.05, 0.9, 4.4 })
        {
            Assert.Equal(T4((r - 0.05) / 1.3 * Math.Sqrt(2)), model.Pit(window, fit, r), 12);
        }

        AssertPitOfVarIsTheTailProbability(model, window, fit);
        AssertPitOfVarIsTheTailProbability(model, window, model.Fit(window, null));
    }

    [Fact]
    public void Cornish_fisher_pit_inverts_the_expansion_in_its_domain_of_validity()
    {
        var window = ModelWindow.OfReturns([1, 2, 3]);
        var model = new CornishFisher();

        // No skewness or excess kurtosis: the normal.
        var plain = Moments(0.2, 1.7, 0, 0);
        Assert.Equal(Normal.CDF(0.2, 1.7, -2.5), model.Pit(window, plain, -2.5), 12);

        // Inside the domain the PIT of μ + σ·w(z) is Φ(z), and the forecast VaRs are its quantiles.
        var valid = Moments(0.1, 1.2, -0.6, 3);
        Assert.True(CornishFisherExpansion.IsMonotone(-0.6, 3));
        foreach (var z in new[] { -3.5, -2.0, -0.3, 0, 1.1, 2.7 })
        {
            Assert.Equal(Normal.CDF(0, 1, z), model.Pit(window, valid, 0.1 + 1.2 * CornishFisherExpansion.Quantile(z, -0.6, 3)), 12);
        }

        AssertPitOfVarIsTheTailProbability(model, window, valid);
    }

    [Fact]
    public void Cornish_fisher_pit_outside_the_domain_uses_the_expansion_shrunk_to_validity()
    {
        // S = 0: w′ = 1 − tK/8 + (tK/8)z², increasing everywhere iff tK ≤ 8, so K = 12 shrinks by t = 2/3.
        Assert.False(CornishFisherExpansion.IsMonotone(0, 12));
        Assert.Equal(2.0 / 3, CornishFisherExpansion.Shrinkage(0, 12), 11);
        Assert.Equal(1, CornishFisherExpansion.Shrinkage(0, 8));

        // Negative excess kurtosis: only the normal is a distribution on this path.
        Assert.Equal(0, CornishFisherExpansion.Shrinkage(0.3, -0.5));
        var window = ModelWindow.OfReturns([1, 2, 3]);
        var model = new CornishFisher();
        Assert.Equal(Normal.CDF(0, 1, -1.4), model.Pit(window, Moments(0, 1, 0.3, -0.5), -1.4), 12);

        // Large skewness and kurtosis: the shrunk expansion is valid and the PIT inverts it.
        var t = CornishFisherExpansion.Shrinkage(-1.5, 14);
        Assert.InRange(t, 0.01, 0.99);
        Assert.True(CornishFisherExpansion.IsMonotone(t * -1.5, t * 14));
        var x = CornishFisherExpansion.Quantile(-2.2, t * -1.5, t * 14);
        Assert.Equal(Normal.CDF(0, 1, -2.2), model.Pit(window, Moments(0, 1, -1.5, 14), x), 12);
        Assert.Throws<ArgumentException>(() => CornishFisherExpansion.Cdf(0, 0, 12));
    }

    [Fact]
    public void Filtered_hs_pit_is_the_residual_cdf_at_the_standardised_return()
    {
        var returns = Series.NoisyReturns(600, 6);
        var window = ModelWindow.OfReturns(returns);
        var model = new FilteredHistoricalSimulation();
        var fit = model.Fit(window, null);
        Assert.True(fit.IsUsable);
        var forecasts = model.Forecast(window, fit, Alphas);
        foreach (var f in forecasts)
        {
            Assert.Equal(1 - f.Alpha, model.Pit(window, fit, -f.VaR), 10);
        }

        // Independently: the residuals z_t = (r_t − μ)/σ_t sorted, and linear interpolation of (z₍ᵢ₎, (i − 1)/(n − 1)).
        var variance = new double[returns.Length + 1];
        VolatilityModel.GjrNormal().ConditionalVariance(returns, fit.Parameters, variance);
        var z = returns.Select((r, t) => (r - fit.Parameters[0]) / Math.Sqrt(variance[t])).Order().ToArray();
        var sigma = Math.Sqrt(variance[^1]);
        foreach (var r in new[] { -2.5, -0.8, 0.3, 1.9 })
        {
            var x = (r - fit.Parameters[0]) / sigma;
            var i = Array.FindLastIndex(z, v => v <= x);
            var expected = (i + (x - z[i]) / (z[i + 1] - z[i])) / (z.Length - 1);
            Assert.Equal(expected, model.Pit(window, fit, r), 10);
        }

        AssertExceptionsAreLowPits(model, window, fit, forecasts, seed: 2);
    }

    [Fact]
    public void Garch_evt_pit_is_the_gpd_tail_beyond_the_threshold_and_the_empirical_body_before_it()
    {
        var returns = Series.NoisyReturns(800, 9);
        var window = ModelWindow.OfReturns(returns);
        var model = new GarchEvt("gjr-evt", VolatilityModel.GjrNormal());
        var fit = model.Fit(window, null);
        Assert.True(fit.IsUsable, fit.Message);
        var p = fit.Parameters;
        var k = p.Length - 4;
        var (xi, beta, u, share) = (p[k], p[k + 1], p[k + 2], p[k + 3]);

        // 1 − α ≤ share at these levels: the GPD tail gives the VaR, whose PIT is 1 − α.
        var forecasts = model.Forecast(window, fit, Alphas);
        foreach (var f in forecasts)
        {
            Assert.Equal(1 - f.Alpha, model.Pit(window, fit, -f.VaR), 11);
        }

        var variance = new double[returns.Length + 1];
        VolatilityModel.GjrNormal().ConditionalVariance(returns, p.AsSpan(0, k), variance);
        var sigma = Math.Sqrt(variance[^1]);
        double LossOf(double r) => -(r - p[0]) / sigma;

        // A large loss: share·(1 + ξ(y − u)/β)^(−1/ξ).
        var big = p[0] - sigma * (u + 1.5);
        Assert.Equal(share * Math.Pow(1 + xi * (LossOf(big) - u) / beta, -1 / xi), model.Pit(window, fit, big), 12);

        // A gain: the body, 1 − F̂(y) of the residual losses.
        var losses = returns.Select((r, t) => -(r - p[0]) / Math.Sqrt(variance[t])).ToArray();
        Assert.Equal(1 - EmpiricalQuantile.CumulativeProbability(losses, LossOf(0.5)), model.Pit(window, fit, 0.5), 12);
        Assert.True(model.Pit(window, fit, 0.5) > share);
        AssertExceptionsAreLowPits(model, window, fit, forecasts, seed: 3);
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Failure("no"), 0)));
    }

    [Fact]
    public void Gpd_survival_is_the_closed_form_and_ends_with_the_support()
    {
        Assert.Equal(Math.Pow(1 + 0.25 * 2 / 0.8, -4), GeneralizedPareto.Survival(2, 0.25, 0.8), 14);
        Assert.Equal(Math.Exp(-2 / 0.8), GeneralizedPareto.Survival(2, 0, 0.8), 14);
        Assert.Equal(0, GeneralizedPareto.Survival(5, -0.25, 1)); // upper end β/|ξ| = 4
        Assert.Equal(1, GeneralizedPareto.Survival(-1, 0.2, 1));
    }

    [Theory]
    [InlineData("hs")]
    [InlineData("fhs")]
    [InlineData("normal")]
    [InlineData("student-t")]
    [InlineData("cornish-fisher")]
    [InlineData("ewma")]
    [InlineData("gjr-t")]
    [InlineData("gjr-evt")]
    public void Rolling_runs_give_every_realised_day_a_pit_below_one_minus_alpha_exactly_on_exceptions_and_the_pit_tests_read_them(string name)
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(760, 12));
        var options = new RollingOptions { Window = 500, RefitEvery = 20, Alphas = [0.95, 0.99] };
        var run = RollingEngine.RunPair(series, ModelCatalog.Create(name), options);
        var realised = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
        Assert.Equal(series.Count - 1 - options.Window, realised.Count);
        foreach (var f in realised)
        {
            Assert.InRange(f.Pit, 0, 1);
            Assert.Equal(f.IsException(0), f.Pit < 0.05);
            Assert.Equal(f.IsException(1), f.Pit < 0.01);
        }

        // The PIT tests run on these PITs whether or not the model has a location-scale law (hs, fhs, cornish-fisher and
        // gjr-evt have none); the ES tests' Monte Carlo p-values simulated from the laws only where the records carry them.
        double[] pits = [.. realised.Select(f => f.Pit)];
        var summary = Backtester.Summarize(run.Forecasts, 0, 0.95);
        var berkowitz = summary.Test(BerkowitzBacktest.TestName);
        var z3 = summary.Test(EsZ3Backtest.TestName);
        Assert.Null(berkowitz.Undefined);
        Assert.Null(z3.Undefined);
        Assert.Equal(BerkowitzBacktest.Statistic(pits, 0.05), berkowitz.Statistic);
        Assert.Equal(EsZ3Backtest.Statistic(pits, 0.05), z3.Statistic);
        Assert.InRange(berkowitz.PValueOf(PValueMethods.MonteCarlo), 0, 1);
        Assert.InRange(z3.PValue, 0, 1);
        Assert.Equal(realised.TrueForAll(f => f.Law is not null), !double.IsNaN(summary.Test(EsZ1Backtest.TestName).PValueOf(PValueMethods.MonteCarlo)));
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static ModelFit Moments(double mu, double sigma, double skewness, double excessKurtosis) =>
        new(FitStatus.Converged, [mu, sigma, skewness, excessKurtosis], null, double.NaN, 0);

    private static void AssertPitOfVarIsTheTailProbability(IRiskModel model, ModelWindow window, ModelFit fit)
    {
        foreach (var f in model.Forecast(window, fit, Alphas))
        {
            Assert.Equal(1 - f.Alpha, model.Pit(window, fit, -f.VaR), 11);
        }
    }

    // Random returns around each VaR: a return is an exception (−r > VaR) exactly when its PIT is below 1 − α.
    private static void AssertExceptionsAreLowPits(IRiskModel model, ModelWindow window, ModelFit fit, RiskForecast[] forecasts, int seed)
    {
        var random = new Random(seed);
        foreach (var f in forecasts)
        {
            for (var i = 0; i < 200; i++)
            {
                var r = -f.VaR + (random.NextDouble() - 0.5) * 0.5;
                Assert.Equal(-r > f.VaR, model.Pit(window, fit, r) < 1 - f.Alpha);
            }
        }
    }
}
