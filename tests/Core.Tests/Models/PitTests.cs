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
/// and PIT(−VaR_α) = 1 − α (the PIT is the CDF whose quantiles the forecasts are); for the empirical laws (hs, fhs, the
/// body of gjr-evt) the randomised rank PIT, uniform on exchangeable returns, in the rank cell counted here.
/// </summary>
public sealed class PitTests
{
    private static readonly double[] Alphas = [0.95, 0.975, 0.99];

    [Fact]
    public void Rank_pit_lies_in_its_rank_cell_spreads_over_ties_and_depends_only_on_its_inputs()
    {
        // n = 5: the cells (k/6, (k + 1)/6) of the k sample values below the point; j ties widen the cell to (k/6, (k + j + 1)/6).
        double[] sample = [3, 1, 2, 5, 4];
        AssertInCell(RankPit.Of(sample, 2.5), 2, 3, 6);
        AssertInCell(RankPit.Of(sample, 0.5), 0, 1, 6);
        AssertInCell(RankPit.Of(sample, 7), 5, 6, 6);
        AssertInCell(RankPit.Of(sample, 4), 3, 5, 6);
        AssertInCell(RankPit.Of([2, 1, 3, 2, 2], 2), 1, 5, 6);
        Assert.True(double.IsNaN(RankPit.Of(sample, double.NaN)));

        // A function of the values: the same for the sample in another order and for −0 and 0; other points in the same
        // cell, or the same point against other values, meet another U.
        Assert.Equal(BitsOf(RankPit.Of(sample, 2.5)), BitsOf(RankPit.Of([4, 5, 2, 1, 3], 2.5)));
        Assert.Equal(BitsOf(RankPit.Of([-1.0, 0.0, 1], -0.0)), BitsOf(RankPit.Of([-1.0, -0.0, 1], 0.0)));
        Assert.NotEqual(RankPit.Of(sample, 2.4), RankPit.Of(sample, 2.6));
        Assert.NotEqual(RankPit.Of(sample, 2.5), RankPit.Of([3, 1, 2, 5, 4.5], 2.5));

        // From losses: the PIT of −y among the negated losses, bit for bit; atMost keeps only the losses at most it.
        Assert.Equal(BitsOf(RankPit.Of(sample, 2.5)), BitsOf(RankPit.OfLoss([-3, -1, -2, -5, -4], -2.5)));
        Assert.Equal(BitsOf(RankPit.OfLoss([-3, -2, -1], -2.5)), BitsOf(RankPit.OfLoss([-3, 7, -2, 9, -1], -2.5, atMost: 0)));

        // Never 0 or 1: U is the midpoint of a 53-bit cell, and the top of the last cell is clamped below 1.
        for (var i = 0; i < 1000; i++)
        {
            var n = 1 + i % 300;
            Assert.InRange(RankPit.Uniform(i * 0.37, n, i % (n + 1), (ulong)i), 1.0 / (1UL << 54), RankPit.BelowOne);
        }

        Assert.True(RankPit.Of([1.0, 2, 3], 9) < 1);
        Assert.True(RankPit.Of([1.0, 2, 3], -9) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Historical_simulation_pits_of_iid_returns_are_uniform_ties_included(bool tickGrid)
    {
        // Exchangeable returns: the rank of the next return among the n window returns, its place among ties drawn
        // uniformly, is uniform on {0, …, n}, and U spreads it over its cell, so the PIT is uniform on (0, 1). The window's
        // type-7 CDF fails this with atoms of 1/(n + 1) ≈ 0.048 at 0 and 1 (about five times the Kolmogorov bound here), a
        // PIT without randomisation within the cell fails the within-cell test, and mid-ranks or ranks blind to ties fail
        // the Kolmogorov test on tickGrid's returns (multiples of 0.25 standard deviations: the next return ties with one
        // of the window's on about 88% of trials; the grid is fine enough that windows and returns seldom repeat, which U,
        // a function of them, needs to be uniform over the trials).
        const int n = 20, trials = 40_000;
        var model = new HistoricalSimulation();
        var rng = new Random(tickGrid ? 12 : 11);
        double Draw() => tickGrid ? Math.Round(4 * Gaussian(rng)) / 4 : Gaussian(rng);
        var pits = new double[trials];
        var ranks = new int[n + 1];
        var within = new int[10];
        for (var trial = 0; trial < trials; trial++)
        {
            var window = new double[n];
            for (var i = 0; i < n; i++)
            {
                window[i] = Draw();
            }

            var next = Draw();
            var pit = model.Pit(ModelWindow.OfReturns(window), ModelFit.Empty, next);
            var k = window.Count(r => r < next);
            AssertInCell(pit, k, k + window.Count(r => r == next) + 1, n + 1);
            pits[trial] = pit;
            ranks[k]++;
            within[Math.Min(9, (int)(10 * (pit * (n + 1) - k)))]++;
        }

        Array.Sort(pits);
        var distance = pits.Select((u, i) => Math.Max((i + 1.0) / trials - u, u - (double)i / trials)).Max();
        Assert.True(distance < 1.95 / Math.Sqrt(trials), $"Kolmogorov distance {distance:F4} (0.1% bound {1.95 / Math.Sqrt(trials):F4})");
        if (!tickGrid)
        {
            // χ² at 0.1%: the ranks uniform on the n + 1 cells, and the PITs uniform within them.
            Assert.True(ChiSquare(ranks) < ChiSquared.InvCDF(n, 0.999), $"ranks: χ² = {ChiSquare(ranks):F1}");
            Assert.True(ChiSquare(within) < ChiSquared.InvCDF(9, 0.999), $"within the cells: χ² = {ChiSquare(within):F1}");
        }
    }

    [Fact]
    public void Historical_simulation_pit_is_the_rank_pit_of_the_window_and_agrees_with_the_exceptions_beyond_the_vars_cells()
    {
        var returns = Series.NoisyReturns(500, 8);
        var window = ModelWindow.OfReturns(returns);
        var model = new HistoricalSimulation();
        var forecasts = model.Forecast(window, ModelFit.Empty, Alphas);
        AssertExceptionsAgreeBeyondTheVarsCells(model, window, ModelFit.Empty, forecasts, returns.Length, seed: 1);
        AssertInCell(model.Pit(window, ModelFit.Empty, returns.Min() - 1), 0, 1, returns.Length + 1);
        AssertInCell(model.Pit(window, ModelFit.Empty, returns.Max() + 1), returns.Length, returns.Length + 1, returns.Length + 1);
        Assert.Equal(BitsOf(RankPit.Of(returns, 0.3)), BitsOf(model.Pit(window, ModelFit.Empty, 0.3)));
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Empty, double.NaN)));
    }

    [Fact]
    public void Rolling_historical_simulation_records_carry_the_rank_pit_of_the_window_before_their_day()
    {
        // A 20-day window: each realised record's PIT lies in the cell (k/21, (k + 1)/21) of the k returns of the 20 up to
        // its origin below the return of its target day (no look-ahead: the day itself is not in the window).
        var returns = Series.NoisyReturns(80, 21);
        var options = new RollingOptions { Window = 20, RefitEvery = 1, Alphas = [0.95] };
        var series = Series.FromReturns("X", returns);
        var run = RollingEngine.RunPair(series, new HistoricalSimulation(), options);
        var realised = run.Forecasts.Where(f => f.IsRealized).ToList();
        Assert.Equal(returns.Length - 20, realised.Count);

        // The same bits as a second run: a function of the window and the return.
        Assert.Equal(realised.Select(f => BitsOf(f.Pit)),
            RollingEngine.RunPair(series, new HistoricalSimulation(), options).Forecasts.Where(f => f.IsRealized).Select(f => BitsOf(f.Pit)));
        for (var d = 0; d < realised.Count; d++)
        {
            var window = returns[d..(d + 20)];
            var r = returns[d + 20];
            var k = window.Count(v => v < r);
            AssertInCell(realised[d].Pit, k, k + 1, 21);
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
    public void Filtered_hs_pit_is_the_rank_pit_of_the_standardised_return_among_the_residuals()
    {
        var returns = Series.NoisyReturns(600, 6);
        var window = ModelWindow.OfReturns(returns);
        var model = new FilteredHistoricalSimulation();
        var fit = model.Fit(window, null);
        Assert.True(fit.IsUsable);
        var forecasts = model.Forecast(window, fit, Alphas);

        // Independently: the residuals z_t = (r_t − μ)/σ_t, and the cell of the k of them below the day's (r − μ)/σ_{T+1}.
        var variance = new double[returns.Length + 1];
        VolatilityModel.GjrNormal().ConditionalVariance(returns, fit.Parameters, variance);
        var z = returns.Select((r, t) => (r - fit.Parameters[0]) / Math.Sqrt(variance[t])).ToArray();
        var sigma = Math.Sqrt(variance[^1]);
        foreach (var r in new[] { -40, -2.5, -0.8, 0.3, 1.9, 40 })
        {
            var x = (r - fit.Parameters[0]) / sigma;
            var k = z.Count(v => v < x);
            AssertInCell(model.Pit(window, fit, r), k, k + 1, z.Length + 1);
        }

        AssertExceptionsAgreeBeyondTheVarsCells(model, window, fit, forecasts, returns.Length, seed: 2);
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Failure("no"), 0)));
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

        // Gains and small losses: the body, share + (1 − share)·(the rank cell of y among the n_b residual losses at most
        // u, k of them above y); above every tail PIT, below 1 even beyond the window's largest gain.
        var losses = returns.Select((r, t) => -(r - p[0]) / Math.Sqrt(variance[t])).ToArray();
        var body = losses.Where(y => y <= u).ToArray();
        Assert.Equal(share, (double)(losses.Length - body.Length) / losses.Length, 12);
        foreach (var r in new[] { p[0] - sigma * u * 0.99, -0.3, 0.5, 2.0, 100 })
        {
            var above = body.Count(y => y > LossOf(r));
            var pit = model.Pit(window, fit, r);
            Assert.InRange(pit, share + (1 - share) * above / (body.Length + 1.0), share + (1 - share) * (above + 1) / (body.Length + 1.0));
            Assert.True(pit > share && pit < 1);
        }

        AssertExceptionsAreLowPits(model, window, fit, forecasts, seed: 3);
        Assert.True(double.IsNaN(model.Pit(window, ModelFit.Failure("no"), 0)));

        // A tail that ends (ξ = −0.4, β = 0.5: at u + 1.25): inside, the GPD; beyond it, where the GPD's CDF is 0, share·(the
        // rank cell of y among the n_u residual losses above u, k of them above y), never 0.
        double[] bounded = [.. p[..k], -0.4, 0.5, u, share];
        var boundedFit = fit with { Parameters = bounded };
        var inside = p[0] - sigma * (u + 1.0);
        Assert.Equal(share * Math.Pow(1 - 0.4 * 1.0 / 0.5, 1 / 0.4), model.Pit(window, boundedFit, inside), 12);
        var excesses = losses.Where(y => y > u).ToArray();
        foreach (var beyond in new[] { u + 1.3, u + 4, excesses.Max() - 1e-9 })
        {
            if (beyond - u < 1.25)
            {
                continue; // the largest loss may lie inside the tail's end
            }

            var above = excesses.Count(y => y > beyond);
            var pit = model.Pit(window, boundedFit, p[0] - sigma * beyond);
            Assert.True(pit > share * above / (excesses.Length + 1.0) && pit < share * (above + 1) / (excesses.Length + 1.0), $"PIT {pit:R} at y = {beyond}");
        }
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
    public void Rolling_runs_give_every_realised_day_a_pit_that_agrees_with_its_exceptions_and_the_pit_tests_read_them(string name)
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(760, 12));
        var options = new RollingOptions { Window = 500, RefitEvery = 20, Alphas = [0.95, 0.99] };
        var run = RollingEngine.RunPair(series, ModelCatalog.Create(name), options);
        var realised = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
        Assert.Equal(series.Count - 1 - options.Window, realised.Count);
        foreach (var f in realised)
        {
            Assert.InRange(f.Pit, 0, 1);
            if (name is "hs" or "fhs")
            {
                // The randomised rank PIT (never 0 or 1) agrees with the exceptions beyond the VaR's rank cells.
                Assert.True(f.Pit is > 0 and < 1);
                AssertAgreesBeyondTheVarsCells(f.IsException(0), f.Pit, options.Window, 0.95);
                AssertAgreesBeyondTheVarsCells(f.IsException(1), f.Pit, options.Window, 0.99);
            }
            else
            {
                Assert.Equal(f.IsException(0), f.Pit < 0.05);
                Assert.Equal(f.IsException(1), f.Pit < 0.01);
            }
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

    private static long BitsOf(double x) => BitConverter.DoubleToInt64Bits(x);

    // Strictly inside the cell (k/m, k′/m).
    private static void AssertInCell(double pit, int k, int kUpper, int m) =>
        Assert.True(pit > (double)k / m && pit < (double)kUpper / m, $"PIT {pit:R} outside ({k}/{m}, {kUpper}/{m})");

    private static double ChiSquare(int[] counts)
    {
        var expected = counts.Average();
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }

    // An empirical VaR is the type-7 quantile of n losses, between the (lo + 1)-th and (lo + 2)-th smallest, lo = ⌊(n − 1)α⌋:
    // an exception (a loss above it) has at most n − lo − 1 of the n above it, a day without one at least n − lo − 2 (ties
    // aside). So a rank PIT below (n − lo − 2)/(n + 1) is an exception and one above (n − lo)/(n + 1) is not; in between
    // (the two cells about 1 − α) either can be.
    private static void AssertAgreesBeyondTheVarsCells(bool exception, double pit, int n, double alpha)
    {
        var lo = (int)Math.Floor((n - 1) * alpha);
        var (low, high) = ((n - lo - 2.0) / (n + 1), (n - lo) / (n + 1.0));
        Assert.InRange(1 - alpha, low, high);
        Assert.True(exception ? pit < high : pit > low, $"{(exception ? "exception" : "no exception")} with PIT {pit:R} (cells {low:R}–{high:R})");
    }

    // Random returns around each VaR of an empirical law of n: exceptions agree with the rank PIT beyond the VaR's cells,
    // and both kinds of day occur with PITs on either side of 1 − α.
    private static void AssertExceptionsAgreeBeyondTheVarsCells(IRiskModel model, ModelWindow window, ModelFit fit, RiskForecast[] forecasts, int n, int seed)
    {
        var random = new Random(seed);
        foreach (var f in forecasts)
        {
            for (var i = 0; i < 200; i++)
            {
                var r = -f.VaR + (random.NextDouble() - 0.5) * 0.5;
                AssertAgreesBeyondTheVarsCells(-r > f.VaR, model.Pit(window, fit, r), n, f.Alpha);
            }
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
