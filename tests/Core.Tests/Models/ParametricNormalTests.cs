using MathNet.Numerics.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

public sealed class ParametricNormalTests
{
    [Theory]
    [InlineData(0.95, 1)]
    [InlineData(0.99, 2)]
    [InlineData(0.975, 3)]
    public void Var_and_es_follow_the_loss_convention_formulas(double alpha, int seed)
    {
        var returns = Series.NoisyReturns(500, seed).Select(r => r + 0.3).ToArray();
        var model = new ParametricNormal();
        var window = ModelWindow.OfReturns(returns);
        var f = model.Forecast(window, model.Fit(window, null), [alpha])[0];

        var mu = returns.Sum() / returns.Length;
        var sigma = Math.Sqrt(returns.Sum(r => (r - mu) * (r - mu)) / (returns.Length - 1));
        var z = Normal.InvCDF(0, 1, alpha);
        var density = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);

        Assert.Equal(-mu + sigma * z, f.VaR, 10);
        Assert.Equal(-mu + sigma * density / (1 - alpha), f.ES, 10);
        Assert.Equal(mu, f.Mean, 12);
        Assert.Equal(sigma, f.Volatility, 12);
    }

    [Fact]
    public void A_higher_mean_return_lowers_var_by_the_same_amount()
    {
        var returns = Series.NoisyReturns(300, 9);
        var model = new ParametricNormal();
        var baseWindow = ModelWindow.OfReturns(returns);
        var shifted = ModelWindow.OfReturns(returns.Select(r => r + 0.5).ToArray());
        var a = model.Forecast(baseWindow, model.Fit(baseWindow, null), [0.99])[0];
        var b = model.Forecast(shifted, model.Fit(shifted, null), [0.99])[0];
        Assert.Equal(a.VaR - 0.5, b.VaR, 10);
        Assert.Equal(a.ES - 0.5, b.ES, 10);
    }

    [Fact]
    public void Fit_reports_the_normal_log_likelihood_and_standard_errors()
    {
        var returns = Series.NoisyReturns(400, 4);
        var fit = new ParametricNormal().Fit(ModelWindow.OfReturns(returns), null);
        var (mu, sigma) = (fit.Parameters[0], fit.Parameters[1]);
        var expected = returns.Sum(r => Normal.PDFLn(mu, sigma, r));
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(expected, fit.LogLikelihood, 8);
        Assert.Equal(sigma / 20, fit.StandardErrors![0], 12);
    }

    [Fact]
    public void Unusable_windows_are_a_failed_fit_not_an_exception()
    {
        var model = new ParametricNormal();
        Assert.Equal(FitStatus.Failed, model.Fit(ModelWindow.OfReturns(Enumerable.Repeat(0.1, 30).ToArray()), null).Status);
        var withNaN = Series.NoisyReturns(30, 1);
        withNaN[7] = double.NaN;
        var fit = model.Fit(ModelWindow.OfReturns(withNaN), null);
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("return 8", fit.Message);
        Assert.Throws<ArgumentException>(() => model.Forecast(ModelWindow.OfReturns(withNaN), fit, [0.99]));
    }
}
