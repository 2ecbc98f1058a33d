using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Distributions;

public sealed class GeneralizedErrorTests
{
    [Fact]
    public void Shape_two_is_the_standard_normal()
    {
        foreach (var z in new[] { -3.0, -0.4, 0, 1.1, 2.5 })
        {
            Assert.Equal(StandardNormal.LogDensity(z), GeneralizedError.LogDensity(z, 2), 12);
            Assert.Equal(MathNet.Numerics.Distributions.Normal.CDF(0, 1, z), GeneralizedError.Cdf(z, 2), 13);
        }

        foreach (var alpha in new[] { 0.95, 0.99, 0.999 })
        {
            Assert.Equal(StandardNormal.Quantile(alpha), GeneralizedError.LossQuantile(alpha, 2), 11);
            Assert.Equal(StandardNormal.ExpectedShortfall(alpha), GeneralizedError.LossExpectedShortfall(alpha, 2), 11);
        }
    }

    [Fact]
    public void Shape_one_is_the_unit_variance_laplace()
    {
        // Laplace with scale b = 1/√2: VaR_α = −b·ln(2(1 − α)), ES_α = VaR_α + b.
        var b = 1 / Math.Sqrt(2);
        foreach (var alpha in new[] { 0.9, 0.99, 0.999 })
        {
            var var = -b * Math.Log(2 * (1 - alpha));
            Assert.Equal(var, GeneralizedError.LossQuantile(alpha, 1), 11);
            Assert.Equal(var + b, GeneralizedError.LossExpectedShortfall(alpha, 1), 11);
        }

        Assert.Equal(0.5 * Math.Exp(-1.5 / b), GeneralizedError.Cdf(-1.5, 1), 14);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.3)]
    [InlineData(3.5)]
    public void Closed_forms_match_numerical_integration(double nu)
    {
        double F(double z) => Math.Exp(GeneralizedError.LogDensity(z, nu));
        Assert.Equal(1, Quadrature.ToThe(F, 0) + Quadrature.ToThe(z => F(-z), 0), 10);
        Assert.Equal(1, 2 * Quadrature.ToThe(z => z * z * F(z), 0), 9);
        foreach (var z in new[] { -4.0, -1.2, -0.1, 0.6, 2.5 })
        {
            Assert.True(Math.Abs(Quadrature.ToThe(F, z, 0) - GeneralizedError.Cdf(z, nu)) < 1e-10, $"F({z})");
        }

        foreach (var alpha in new[] { 0.3, 0.95, 0.99 })
        {
            var q = GeneralizedError.LossQuantile(alpha, nu);
            Assert.True(Math.Abs(1 - GeneralizedError.Cdf(q, nu) - (1 - alpha)) < 1e-13, $"quantile at {alpha}");
            var tailMean = -Quadrature.ToThe(z => z * F(z), -q, 0) / (1 - alpha);
            Assert.True(Math.Abs(tailMean - GeneralizedError.LossExpectedShortfall(alpha, nu)) < 1e-10, $"ES at {alpha}");
        }
    }
}
