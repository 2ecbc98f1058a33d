using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Models;

public sealed class VolatilityRiskModelTests
{
    private static readonly Dictionary<string, ModelFit> Fits = [];

    private static readonly double[] Returns =
        VolatilitySimulator.Simulate(VolatilityModel.GjrStudentT(), [0.04, 0.02, 0.02, 0.14, 0.85, 7], 700, seed: 3).Returns;

    [Fact]
    public void Forecast_volatility_is_the_garch_recursion_continued_by_hand_one_step()
    {
        var model = ModelCatalog.Create("garch-n");
        var window = ModelWindow.OfReturns(Returns[..500]);
        var fit = model.Fit(window, null);
        var (mu, omega, alpha, beta) = (fit.Parameters[0], fit.Parameters[1], fit.Parameters[2], fit.Parameters[3]);

        var e = Returns[..500].Select(r => r - mu).ToArray();
        var h = omega + (alpha + beta) * e.Select(x => x * x).Average();
        foreach (var x in e)
        {
            h = omega + alpha * x * x + beta * h;
        }

        var forecast = model.Forecast(window, fit, [0.99])[0];
        Assert.Equal(Math.Sqrt(h), forecast.Volatility, 12);
        Assert.Equal(mu, forecast.Mean);
    }

    [Fact]
    public void Forecasts_and_pits_are_the_filter_of_their_own_window_and_fit_whatever_came_before()
    {
        // The filter's result is reused for the same window and fit (yesterday's forecast, then its PIT); a different window,
        // fit or model must filter again.
        var model = (VolatilityRiskModel)ModelCatalog.Create("egarch-n");
        var other = (VolatilityRiskModel)ModelCatalog.Create("egarch-n");
        var windowA = ModelWindow.OfReturns(Returns[..500]);
        var windowB = ModelWindow.OfReturns(Returns[1..501]);
        var fitA = model.Fit(windowA, null);
        var fitB = model.Fit(windowB, fitA);
        Assert.NotEqual(fitA.Parameters, fitB.Parameters);

        (double Mean, double Volatility) Fresh(ModelWindow w, ModelFit f) => other.Model.Forecast(w.Returns.Span, f.Parameters);
        foreach (var (w, f) in new[] { (windowA, fitA), (windowA, fitA), (windowB, fitA), (windowB, fitB), (windowA, fitB) })
        {
            var forecast = model.Forecast(w, f, [0.99])[0];
            var (mean, volatility) = Fresh(w, f);
            Assert.Equal(volatility, forecast.Volatility);
            Assert.Equal(mean, forecast.Mean);
            var r = Returns[600];
            Assert.Equal(other.Model.Distribution.Cdf((r - mean) / volatility, other.Model.DistributionParameters(f.Parameters)),
                model.Pit(w, f, r));
        }
    }

    [Fact]
    public void Forecast_with_an_older_fit_filters_the_newest_window()
    {
        // Refit every k days: the fit comes from an earlier window, the forecast from the current one.
        var model = ModelCatalog.Create("egarch-t");
        var fit = model.Fit(ModelWindow.OfReturns(Returns[..500]), null);
        var later = ModelWindow.OfReturns(Returns[10..510]);
        var variance = new double[501];
        VolatilityModel.EgarchStudentT().ConditionalVariance(Returns[10..510], fit.Parameters, variance);

        Assert.Equal(Math.Sqrt(variance[500]), model.Forecast(later, fit, [0.95])[0].Volatility, 12);
    }

    [Theory]
    [InlineData("garch-n", 0.99)]
    [InlineData("gjr-n", 0.95)]
    [InlineData("egarch-n", 0.975)]
    public void Normal_var_and_es_are_minus_mu_plus_sigma_times_the_normal_quantile_and_es(string name, double alpha)
    {
        var model = ModelCatalog.Create(name);
        var window = ModelWindow.OfReturns(Returns[..600]);
        var fit = model.Fit(window, null);
        var f = model.Forecast(window, fit, [alpha])[0];

        Assert.Equal(-f.Mean + f.Volatility * StandardNormal.Quantile(alpha), f.VaR, 12);
        Assert.Equal(-f.Mean + f.Volatility * StandardNormal.ExpectedShortfall(alpha), f.ES, 12);
    }

    [Theory]
    [InlineData("garch-t", 0.99)]
    [InlineData("gjr-t", 0.95)]
    [InlineData("egarch-t", 0.975)]
    public void Student_t_var_and_es_use_the_fitted_degrees_of_freedom(string name, double alpha)
    {
        var model = ModelCatalog.Create(name);
        var window = ModelWindow.OfReturns(Returns[..600]);
        var fit = model.Fit(window, null);
        var nu = fit.Parameters[^1];
        var f = model.Forecast(window, fit, [alpha])[0];

        Assert.Equal(-f.Mean + f.Volatility * StandardizedStudentT.Quantile(alpha, nu), f.VaR, 12);
        Assert.Equal(-f.Mean + f.Volatility * StandardizedStudentT.ExpectedShortfall(alpha, nu), f.ES, 12);
    }

    [Property(Replay = "(3141592,653)", MaxTest = 40)]
    public Property Es_is_at_least_var_at_every_level(PositiveInt levelSeed)
    {
        var alpha = 0.5 + 0.499 * (levelSeed.Get % 1000) / 1000.0;
        var window = ModelWindow.OfReturns(Returns[..400]);
        var ok = true;
        foreach (var name in new[] { "garch-t", "fhs" })
        {
            var model = ModelCatalog.Create(name);
            var f = model.Forecast(window, CachedFit(name, model, window), [alpha])[0];
            ok &= f.ES >= f.VaR && double.IsFinite(f.VaR);
        }

        return ok.ToProperty();
    }

    [Fact]
    public void An_unusable_fit_forecasts_nan_instead_of_throwing()
    {
        var window = ModelWindow.OfReturns(Returns[..300]);
        foreach (var name in new[] { "garch-n", "fhs" })
        {
            var f = ModelCatalog.Create(name).Forecast(window, ModelFit.Failure("no data"), [0.95, 0.99]);
            Assert.All(f, x => Assert.True(double.IsNaN(x.VaR) && double.IsNaN(x.ES)));
        }
    }

    [Fact]
    public void Filtered_historical_simulation_scales_the_empirical_tail_of_the_standardised_residuals()
    {
        var model = ModelCatalog.Create("fhs");
        var window = ModelWindow.OfReturns(Returns[..500]);
        var fit = model.Fit(window, null);
        var variance = new double[501];
        VolatilityModel.GjrNormal().ConditionalVariance(Returns[..500], fit.Parameters, variance);
        var mu = fit.Parameters[0];
        var losses = Returns[..500].Select((r, t) => -(r - mu) / Math.Sqrt(variance[t])).OrderBy(x => x).ToArray();
        var h = (losses.Length - 1) * 0.99;
        var lo = (int)Math.Floor(h);
        var q = losses[lo] + (h - lo) * (losses[lo + 1] - losses[lo]);
        var es = losses.Where(x => x >= q).Average();
        var sigma = Math.Sqrt(variance[500]);

        var f = model.Forecast(window, fit, [0.99])[0];

        Assert.Equal(-mu + sigma * q, f.VaR, 10);
        Assert.Equal(-mu + sigma * es, f.ES, 10);
        Assert.Equal(sigma, f.Volatility, 12);
        Assert.Equal(["mu", "omega", "alpha", "gamma", "beta"], model.ParameterNames);
    }

    [Fact]
    public void Catalogue_creates_every_garch_model_under_its_name()
    {
        foreach (var name in new[] { "garch-n", "garch-t", "gjr-n", "gjr-t", "egarch-n", "egarch-t", "fhs" })
        {
            Assert.Contains(name, ModelCatalog.Names);
            Assert.Contains(name, ModelCatalog.DefaultNames);
            var model = ModelCatalog.Create(name);
            Assert.Equal(name, model.Name);
            Assert.Equal(name.EndsWith("-t", StringComparison.Ordinal), model.ParameterNames[^1] == "nu");
        }
    }

    [Fact]
    public void A_rolling_run_refits_with_warm_starts_and_forecasts_every_day()
    {
        var series = Series.FromReturns("SIM", Returns[..620]);
        var options = new RollingOptions { Window = 500, RefitEvery = 20, Alphas = [0.99] };
        var run = RollingEngine.RunPair(series, ModelCatalog.Create("gjr-t"), options);

        Assert.Equal(121, run.Forecasts.Count);
        Assert.All(run.Forecasts, f => Assert.True(double.IsFinite(f.VaR[0]) && f.ES[0] >= f.VaR[0]));
        Assert.Equal(7, run.FitAttempts);
        Assert.Equal(0, run.FitFailures);
        Assert.Equal(7, run.Forecasts.Count(f => f.Refitted));
    }

    private static ModelFit CachedFit(string name, IRiskModel model, ModelWindow window)
    {
        lock (Fits)
        {
            if (!Fits.TryGetValue(name, out var fit))
            {
                fit = model.Fit(window, null);
                Fits[name] = fit;
            }

            return fit;
        }
    }
}
