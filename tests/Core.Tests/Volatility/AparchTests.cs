using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class AparchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_delta_two_it_is_gjr_in_fgarch_form(bool estimated)
    {
        // σ² = ω + α(|e| − γe)² + βσ² is GJR with a = α(1 − γ)², g = 4αγ, b = β; the start-ups agree too,
        // since κ(γ, 2) = 1 + γ² = (a + g/2)/α.
        var (omega, alpha, gamma, beta) = (0.02, 0.07, 0.45, 0.9);
        var returns = VolatilitySimulator.Simulate(VolatilityModel.GjrStudentT(), [0.04, 0.02, 0.02, 0.14, 0.86, 6], 600, 5).Returns;
        var aparch = new VolatilityModel(estimated ? new Aparch() : new Aparch(fixedDelta: 2), new NormalInnovation());
        double[] parameters = estimated ? [0.03, omega, alpha, gamma, beta, 2] : [0.03, omega, alpha, gamma, beta];
        var a = new double[returns.Length + 1];
        var g = new double[returns.Length + 1];
        aparch.ConditionalVariance(returns, parameters, a);
        VolatilityModel.GjrNormal().ConditionalVariance(returns,
            [0.03, omega, alpha * (1 - gamma) * (1 - gamma), 4 * alpha * gamma, beta], g);
        for (var t = 0; t < a.Length; t++)
        {
            Assert.Equal(g[t], a[t], 10);
        }
    }

    [Fact]
    public void Recursion_runs_in_the_power_delta()
    {
        var process = new Aparch();
        double[] p = [0.05, 0.1, 0.3, 0.85, 1.3];
        double[] residuals = [0.5, -1.2, 2.0];
        var variance = new double[4];
        process.Variance(residuals, p, 1.1, variance);
        var h = 0.05 + (0.1 * Aparch.NormalKappa(0.3, 1.3) + 0.85) * Math.Pow(1.1, 0.65);
        Assert.Equal(Math.Pow(h, 2 / 1.3), variance[0], 12);
        foreach (var (e, t) in residuals.Select((e, i) => (e, i + 1)))
        {
            h = 0.05 + 0.1 * Math.Pow(Math.Abs(e) - 0.3 * e, 1.3) + 0.85 * h;
            Assert.Equal(Math.Pow(h, 2 / 1.3), variance[t], 12);
        }
    }

    [Fact]
    public void Normal_kappa_is_the_expected_power_of_the_asymmetric_shock()
    {
        // δ = 2: 1 + γ²; δ = 1: E|z| = √(2/π) for any γ.
        Assert.Equal(1 + 0.3 * 0.3, Aparch.NormalKappa(0.3, 2), 12);
        Assert.Equal(Math.Sqrt(2 / Math.PI), Aparch.NormalKappa(0.6, 1), 12);
    }

    [Fact]
    public void A_fixed_delta_outside_the_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Aparch(fixedDelta: 9));
        Assert.Equal(["omega", "alpha", "gamma", "beta"], new Aparch(fixedDelta: 1).ParameterNames);
    }

    [Fact]
    public void Composed_models_forecast_and_give_pits_in_the_unit_interval()
    {
        var returns = VolatilitySimulator.Simulate(VolatilityParts.Compose("aparch-skewt"),
            [0.04, 0.03, 0.08, 0.4, 0.88, 1.4, 7, -0.15], 800, 9).Returns;
        foreach (var name in new[] { "aparch-skewt", "gjr-ged", "garch-skewt", "tarch-t" })
        {
            var model = ModelCatalog.Create(name);
            var window = new ModelWindow(returns[..700]);
            var fit = model.Fit(window, null);
            Assert.True(fit.Status is FitStatus.Converged or FitStatus.ConvergedAtBound, $"{name}: {fit.Message}");
            var f = model.Forecast(window, fit, [0.95, 0.99]);
            Assert.True(f[1].VaR > f[0].VaR && f[1].ES > f[1].VaR, name);

            // The PIT of the forecast's own VaR is 1 − α; of a huge gain, close to 1.
            Assert.Equal(0.01, model.Pit(window, fit, -f[1].VaR), 8);
            Assert.Equal(0.05, model.Pit(window, fit, -f[0].VaR), 8);
            Assert.InRange(model.Pit(window, fit, 50), 0.999, 1);
            Assert.True(double.IsNaN(model.Pit(window, ModelFit.Failure("no"), 0.1)));
        }
    }
}
