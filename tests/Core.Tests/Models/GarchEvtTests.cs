using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.Distributions;
using RiskGrid.Core.Tests.Volatility;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Models;

public sealed class GarchEvtTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceFit>> FExtremes =
        new(() => ReferenceFit.ReadAll(Path.Combine(AppContext.BaseDirectory, "Reference", "sp500-gpd.txt")));

    [SharedDataTheory]
    [InlineData(0.90)]
    [InlineData(0.95)]
    public void Gpd_fit_matches_fextremes_on_the_sp500_losses(double quantile)
    {
        var reference = FExtremes.Value[$"GPD over the {quantile:0.00} quantile"];
        var losses = Sp500Returns.All.Select(r => -r).Order().ToArray();
        var u = EmpiricalQuantile.QuantileOfSorted(losses, quantile);
        var excesses = losses.Where(y => y > u).Select(y => y - u).ToArray();
        Assert.Equal(reference["threshold"], u, 9);
        Assert.Equal((int)reference["exceedances"], excesses.Length);

        var fit = GeneralizedPareto.FitMaximumLikelihood(excesses)!.Value;
        Assert.False(fit.AtBound);
        var atReference = GeneralizedPareto.LogLikelihood(excesses, reference["xi"], reference["beta"]);
        // fExtremes' optim stops a little short of the maximum (at 0.90: ξ 0.14513 against 0.14485 here, with a
        // log-likelihood 2e-5 lower): ours must be at least as high, and the estimates agree within 1/20 se.
        Assert.InRange(atReference, reference.LogLikelihood - 1e-5, reference.LogLikelihood + 1e-5);
        Assert.True(fit.LogLikelihood >= atReference - 1e-9, $"log-likelihood {fit.LogLikelihood:R} below fExtremes' {atReference:R}");
        Assert.InRange(fit.LogLikelihood, reference.LogLikelihood - 1e-4, reference.LogLikelihood + 1e-4);
        Assert.InRange(fit.Shape, reference["xi"] - 0.05 * reference.Se("xi"), reference["xi"] + 0.05 * reference.Se("xi"));
        Assert.InRange(fit.Scale, reference["beta"] - 0.05 * reference.Se("beta"), reference["beta"] + 0.05 * reference.Se("beta"));
        // fExtremes: a numerical Hessian; here the expected information (Smith 1987).
        Assert.InRange(fit.ShapeSe, 0.9 * reference.Se("xi"), 1.1 * reference.Se("xi"));
        Assert.InRange(fit.ScaleSe, 0.9 * reference.Se("beta"), 1.1 * reference.Se("beta"));
    }

    [Theory]
    [InlineData(0.25, 1.5, 1)]
    [InlineData(0.0, 0.7, 2)]
    [InlineData(-0.3, 2.0, 3)]
    public void Gpd_fit_recovers_simulated_parameters_within_three_standard_errors(double shape, double scale, int seed)
    {
        var random = new Random(seed);
        var x = new double[5000];
        for (var i = 0; i < x.Length; i++)
        {
            var u = 1 - random.NextDouble();
            x[i] = Math.Abs(shape) < 1e-12 ? -scale * Math.Log(u) : scale / shape * (Math.Pow(u, -shape) - 1);
        }

        var fit = GeneralizedPareto.FitMaximumLikelihood(x)!.Value;
        Assert.True(Math.Abs(fit.Shape - shape) <= 3 * fit.ShapeSe, $"xi {fit.Shape} ± {fit.ShapeSe}, truth {shape}");
        Assert.True(Math.Abs(fit.Scale - scale) <= 3 * fit.ScaleSe, $"beta {fit.Scale} ± {fit.ScaleSe}, truth {scale}");
        // The maximum: no nearby point is better.
        foreach (var (dx, db) in new[] { (1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3) })
        {
            Assert.True(GeneralizedPareto.LogLikelihood(x, fit.Shape + dx, fit.Scale * (1 + db)) <= fit.LogLikelihood + 1e-9);
        }
    }

    [Fact]
    public void Uniform_excesses_put_the_shape_on_its_lower_bound()
    {
        var x = Enumerable.Range(1, 400).Select(i => i / 401.0).ToArray();
        var fit = GeneralizedPareto.FitMaximumLikelihood(x)!.Value;
        Assert.True(fit.AtBound);
        Assert.Equal(GeneralizedPareto.MinShape, fit.Shape);
        Assert.True(fit.Scale > 0.5 * x.Max());
        Assert.Null(GeneralizedPareto.FitMaximumLikelihood([1.0, 2.0]));
    }

    [Theory]
    [InlineData(0.2, 0.8)]
    [InlineData(0.0, 1.1)]
    [InlineData(-0.2, 0.9)]
    public void Tail_var_and_es_are_the_gpd_quantile_and_tail_mean(double shape, double scale)
    {
        // Y = u + X over the threshold with probability p_u: P(Y > VaR) = 1 − α and ES = E[Y | Y > VaR].
        var (u, share, alpha) = (1.3, 0.1, 0.99);
        var (var, es) = GeneralizedPareto.Tail(alpha, u, share, shape, scale);
        double Survival(double x) => Math.Abs(shape) < 1e-12 ? Math.Exp(-x / scale) : Math.Pow(1 + shape * x / scale, -1 / shape);
        Assert.Equal(1 - alpha, share * Survival(var - u), 12);
        // E[Y | Y > v] = v + ∫_v^∞ P(Y > y) dy / P(Y > v).
        var upper = shape < 0 ? u - scale / shape : var + 2000;
        var excess = Quadrature.Integral(y => Survival(y - u), var, upper) / Survival(var - u);
        Assert.Equal(var + excess, es, shape > 0 ? 6 : 9);
    }

    [Fact]
    public void Gjr_evt_fits_and_forecasts_near_the_true_conditional_risk()
    {
        var truth = new double[] { 0.04, 0.02, 0.02, 0.12, 0.86, 5 };
        var path = VolatilitySimulator.Simulate(VolatilityModel.GjrStudentT(), truth, 2001, 17);
        var model = ModelCatalog.Create("gjr-evt");
        var window = new ModelWindow(path.Returns[..2000]);
        var fit = model.Fit(window, null);
        Assert.True(fit.Status is FitStatus.Converged or FitStatus.ConvergedAtBound, fit.Message);
        Assert.Equal(model.ParameterNames.Count, fit.Parameters.Length);
        var xi = fit.Parameters[^4];
        Assert.InRange(xi, -0.2, 0.6); // t_5 has ξ = 1/5

        var forecast = model.Forecast(window, fit, [0.85, 0.975, 0.99]);
        var sigma = Math.Sqrt(path.Variances[^1]);
        foreach (var f in forecast)
        {
            var trueVar = -truth[0] + sigma * StandardizedStudentT.Quantile(f.Alpha, 5);
            Assert.InRange(f.VaR, 0.85 * trueVar, 1.15 * trueVar);
            Assert.True(f.ES > f.VaR);
        }

        // A refit warm-starts from the previous fit's filter part.
        var again = model.Fit(new ModelWindow(path.Returns[1..2001]), fit);
        Assert.True(again.IsUsable, again.Message);
    }

    [Fact]
    public void A_tail_fit_with_too_few_excesses_fails_with_a_clear_message()
    {
        var path = VolatilitySimulator.Simulate(VolatilityModel.GjrNormal(), [0.04, 0.02, 0.02, 0.12, 0.86], 1000, 3);
        var model = ModelCatalog.Create("gjr-evt", new ModelSettings { EvtThreshold = 0.995 });
        var fit = model.Fit(new ModelWindow(path.Returns), null);
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("GPD tail fit: 5 standardised losses exceed the 0.995 quantile; need 10", fit.Message);
        Assert.All(model.Forecast(new ModelWindow(path.Returns), fit, [0.99]), f => Assert.True(double.IsNaN(f.VaR)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelCatalog.Create("gjr-evt", new ModelSettings { EvtThreshold = 1.2 }));
    }
}
