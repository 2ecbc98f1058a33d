using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

public sealed class CornishFisherTests
{
    private static ModelFit Moments(double mu, double sigma, double skewness, double excessKurtosis) =>
        new(FitStatus.Converged, [mu, sigma, skewness, excessKurtosis], null, double.NaN, 0);

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void Without_skewness_and_excess_kurtosis_it_is_the_normal_model(double alpha)
    {
        var window = ModelWindow.OfReturns([1, 2, 3]);
        var cf = new CornishFisher().Forecast(window, Moments(0.2, 1.7, 0, 0), [alpha])[0];
        var normal = new ParametricNormal().Forecast(window, new ModelFit(FitStatus.Converged, [0.2, 1.7], null, double.NaN, 0), [alpha])[0];
        Assert.Equal(normal.VaR, cf.VaR, 12);
        Assert.Equal(normal.ES, cf.ES, 12);
    }

    [Fact]
    public void Negative_return_skewness_raises_var_and_positive_lowers_it()
    {
        var window = ModelWindow.OfReturns([1, 2, 3]);
        var model = new CornishFisher();
        double VaR(double skew) => model.Forecast(window, Moments(0, 1, skew, 1), [0.99])[0].VaR;
        Assert.True(VaR(-0.5) > VaR(0));
        Assert.True(VaR(0.5) < VaR(0));
    }

    [Fact]
    public void Excess_kurtosis_raises_far_tail_var()
    {
        var window = ModelWindow.OfReturns([1, 2, 3]);
        var model = new CornishFisher();
        var thin = model.Forecast(window, Moments(0, 1, 0, 0), [0.99])[0];
        var fat = model.Forecast(window, Moments(0, 1, 0, 3), [0.99])[0];
        Assert.True(fat.VaR > thin.VaR);
        Assert.True(fat.ES > thin.ES);
    }

    [Theory]
    [InlineData(0.95, 0.0, 0.0)]
    [InlineData(0.95, 0.5, 2.0)]
    [InlineData(0.99, -0.8, 4.0)]
    [InlineData(0.975, 1.0, 6.0)]
    [InlineData(0.99, 0.3, 12.0)]
    public void Tail_mean_equals_the_numerically_integrated_quantile_function(double alpha, double skew, double kurt)
    {
        Assert.True(CornishFisherExpansion.IsMonotoneAbove(StandardNormal.Quantile(alpha), skew, kurt));
        // ES = 1/(1−α)·∫_α^1 w(Φ⁻¹(u)) du, integrated in z = Φ⁻¹(u) (du = φ(z)dz), where it is smooth.
        var z0 = Normal.InvCDF(0, 1, alpha);
        var integral = GaussLegendreRule.Integrate(
            z => CornishFisherExpansion.Quantile(z, skew, kurt) * Normal.PDF(0, 1, z), z0, z0 + 40, 512);
        Assert.Equal(integral / (1 - alpha), CornishFisherExpansion.TailMean(alpha, skew, kurt), 8);

        // The same in u directly (coarser: the integrand is unbounded at u = 1).
        var inU = GaussLegendreRule.Integrate(
            u => CornishFisherExpansion.Quantile(Normal.InvCDF(0, 1, u), skew, kurt), alpha, 1 - 1e-12, 1024) / (1 - alpha);
        Assert.Equal(inU, CornishFisherExpansion.TailMean(alpha, skew, kurt), 2);
    }

    [Theory]
    [InlineData(2.0, 0.0)]   // strongly skewed, light-tailed: w′ → −∞ in the tail
    [InlineData(-3.0, 1.0)]
    [InlineData(1.5, 0.5)]
    public void A_non_monotone_expansion_is_shrunk_until_it_increases_on_the_tail(double lossSkew, double kurt)
    {
        const double alpha = 0.99;
        var z = StandardNormal.Quantile(alpha);
        Assert.False(CornishFisherExpansion.IsMonotoneAbove(z, lossSkew, kurt));

        var t = CornishFisherExpansion.TailShrinkage(alpha, lossSkew, kurt);
        Assert.InRange(t, 0, 1 - 1e-6);
        Assert.True(CornishFisherExpansion.IsMonotoneAbove(z, t * lossSkew, t * kurt));
        Assert.False(CornishFisherExpansion.IsMonotoneAbove(z, Math.Min(1, t + 1e-6) * lossSkew, Math.Min(1, t + 1e-6) * kurt));

        // Sampled: w does not decrease anywhere on [z, z + 30] after shrinking.
        var previous = double.NegativeInfinity;
        for (var x = z; x < z + 30; x += 0.01)
        {
            var w = CornishFisherExpansion.Quantile(x, t * lossSkew, t * kurt);
            Assert.True(w >= previous - 1e-12);
            previous = w;
        }

        // Through the model (which takes return skewness, the negative of the loss's).
        var f = new CornishFisher().Forecast(ModelWindow.OfReturns([1, 2]), Moments(0, 1, -lossSkew, kurt), [alpha])[0];
        Assert.True(f.ES >= f.VaR);
    }

    [Fact]
    public void Monotone_expansions_are_not_shrunk()
    {
        Assert.Equal(1, CornishFisherExpansion.TailShrinkage(0.99, 0.5, 5));
        Assert.Equal(1, CornishFisherExpansion.TailShrinkage(0.95, -0.3, 10));
    }

    [Fact]
    public void Derivative_matches_a_finite_difference_of_the_quantile()
    {
        foreach (var (s, k, z) in new[] { (0.4, 3.0, 1.2), (-1.0, 8.0, 2.5), (2.0, 0.0, 3.0) })
        {
            const double h = 1e-5;
            var numeric = (CornishFisherExpansion.Quantile(z + h, s, k) - CornishFisherExpansion.Quantile(z - h, s, k)) / (2 * h);
            Assert.Equal(numeric, CornishFisherExpansion.Derivative(z, s, k), 6);
        }
    }

    [Fact]
    public void Fit_uses_the_bias_adjusted_sample_moments()
    {
        var x = Series.NoisyReturns(300, 17).Select(r => r + 0.2 * r * r).ToArray(); // skewed on purpose
        var fit = new CornishFisher().Fit(ModelWindow.OfReturns(x), null);
        double n = x.Length, mean = x.Average();
        double m2 = x.Sum(v => Math.Pow(v - mean, 2)) / n, m3 = x.Sum(v => Math.Pow(v - mean, 3)) / n, m4 = x.Sum(v => Math.Pow(v - mean, 4)) / n;
        var g1 = m3 / Math.Pow(m2, 1.5);
        var g2 = m4 / (m2 * m2) - 3;
        var skew = g1 * Math.Sqrt(n * (n - 1)) / (n - 2);
        var kurt = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));

        Assert.Equal(mean, fit.Parameters[0], 10);
        Assert.Equal(Math.Sqrt(m2 * n / (n - 1)), fit.Parameters[1], 10);
        Assert.Equal(skew, fit.Parameters[2], 8);
        Assert.Equal(kurt, fit.Parameters[3], 8);
        Assert.True(fit.Parameters[2] > 0.3);
    }

    [Fact]
    public void Unusable_windows_are_a_failed_fit()
    {
        Assert.Equal(FitStatus.Failed, new CornishFisher().Fit(ModelWindow.OfReturns(Enumerable.Repeat(-0.3, 40).ToArray()), null).Status);
        Assert.Equal(FitStatus.Failed, new CornishFisher().Fit(ModelWindow.OfReturns([1.0, 2.0, 3.0]), null).Status);
    }
}
