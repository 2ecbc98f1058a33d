using MathNet.Numerics.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

public sealed class RiskMetricsEwmaTests
{
    [Theory]
    [InlineData(0.94, 25, 1)]
    [InlineData(0.97, 250, 2)]
    [InlineData(0.90, 1000, 3)]
    public void Variance_matches_the_closed_form_weighted_sum(double lambda, int n, int seed)
    {
        // Unrolled recursion: σ²_n = λⁿ·σ²_0 + (1 − λ)·Σ λ^(n−1−i)·r_i², σ²_0 = mean of r².
        var r = Series.NoisyReturns(n, seed);
        var seedVariance = r.Sum(x => x * x) / n;
        var expected = Math.Pow(lambda, n) * seedVariance;
        for (var i = 0; i < n; i++)
        {
            expected += (1 - lambda) * Math.Pow(lambda, n - 1 - i) * r[i] * r[i];
        }

        Assert.Equal(expected, RiskMetricsEwma.NextVariance(r, lambda), 10);
    }

    [Fact]
    public void Forecast_is_zero_mean_normal_with_the_ewma_volatility()
    {
        var r = Series.NoisyReturns(300, 5);
        var model = new RiskMetricsEwma();
        var window = ModelWindow.OfReturns(r);
        var f = model.Forecast(window, model.Fit(window, null), [0.95, 0.99]);

        // A hand-written loop, independent of NextVariance.
        var v = 0.0;
        foreach (var x in r)
        {
            v += x * x / r.Length;
        }

        foreach (var x in r)
        {
            v = 0.94 * v + 0.06 * x * x;
        }

        var sigma = Math.Sqrt(v);
        for (var k = 0; k < 2; k++)
        {
            var z = Normal.InvCDF(0, 1, f[k].Alpha);
            Assert.Equal(sigma * z, f[k].VaR, 10);
            Assert.Equal(sigma * Normal.PDF(0, 1, z) / (1 - f[k].Alpha), f[k].ES, 10);
            Assert.Equal(0, f[k].Mean);
            Assert.Equal(sigma, f[k].Volatility, 12);
        }
    }

    [Fact]
    public void Forecast_depends_only_on_the_window_passed_in()
    {
        var model = new RiskMetricsEwma();
        var w1 = ModelWindow.OfReturns(Series.NoisyReturns(200, 1));
        var w2 = ModelWindow.OfReturns(Series.NoisyReturns(200, 2));
        var stale = model.Fit(w1, null);
        Assert.Equal(model.Forecast(w2, model.Fit(w2, null), [0.99]), model.Forecast(w2, stale, [0.99]));
        Assert.NotEqual(model.Forecast(w1, stale, [0.99])[0].VaR, model.Forecast(w2, stale, [0.99])[0].VaR);
    }

    [Fact]
    public void Lambda_comes_from_model_settings()
    {
        var fast = (RiskMetricsEwma)ModelCatalog.Create("ewma");
        var slow = (RiskMetricsEwma)ModelCatalog.Create("ewma", new ModelSettings { EwmaLambda = 0.99 });
        Assert.Equal(0.94, fast.Lambda);
        Assert.Equal(0.99, slow.Lambda);
        var w = ModelWindow.OfReturns(Series.NoisyReturns(100, 3));
        Assert.Equal([0.99], slow.Fit(w, null).Parameters);
        Assert.NotEqual(fast.Forecast(w, fast.Fit(w, null), [0.99])[0].VaR, slow.Forecast(w, slow.Fit(w, null), [0.99])[0].VaR);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Invalid_lambda_is_rejected(double lambda)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskMetricsEwma(lambda));
    }

    [Fact]
    public void Recent_large_moves_raise_the_forecast()
    {
        var calm = Series.NoisyReturns(250, 8).Select(r => r * 0.5).ToArray();
        var stressed = calm.ToArray();
        stressed[^1] = -6;
        var model = new RiskMetricsEwma();
        var a = model.Forecast(ModelWindow.OfReturns(calm), model.Fit(ModelWindow.OfReturns(calm), null), [0.99])[0];
        var b = model.Forecast(ModelWindow.OfReturns(stressed), model.Fit(ModelWindow.OfReturns(stressed), null), [0.99])[0];
        Assert.True(b.VaR > 1.5 * a.VaR);
    }
}
