using MathNet.Numerics.Integration;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Distributions;

public sealed class DistributionTests
{
    [Fact]
    public void Normal_quantile_and_es_match_textbook_values()
    {
        Assert.Equal(2.326347874, StandardNormal.Quantile(0.99), 8);
        Assert.Equal(1.644853627, StandardNormal.Quantile(0.95), 8);
        // ES_0.99 = φ(2.3263)/0.01 = 2.665214
        Assert.Equal(2.665214, StandardNormal.ExpectedShortfall(0.99), 5);
        Assert.Equal(2.062713, StandardNormal.ExpectedShortfall(0.95), 5);
    }

    [Theory]
    [InlineData(0.95, 4.0)]
    [InlineData(0.99, 5.0)]
    [InlineData(0.975, 8.0)]
    [InlineData(0.99, 30.0)]
    public void Student_t_es_equals_the_integrated_tail_quantile(double alpha, double nu)
    {
        // ES_α = 1/(1−α) ∫_α^1 q(u) du, integrated numerically on the quantile function.
        var integral = GaussLegendreRule.Integrate(u => StandardizedStudentT.Quantile(u, nu), alpha, 1 - 1e-12, 256);
        var numeric = integral / (1 - alpha);
        Assert.Equal(numeric, StandardizedStudentT.ExpectedShortfall(alpha, nu), 2);
        Assert.True(StandardizedStudentT.ExpectedShortfall(alpha, nu) > StandardizedStudentT.Quantile(alpha, nu));
    }

    [Fact]
    public void Student_t_density_has_unit_variance_and_integrates_to_one()
    {
        const double nu = 6.6;
        var mass = GaussLegendreRule.Integrate(z => Math.Exp(StandardizedStudentT.LogDensity(z, nu)), -200, 200, 2048);
        var variance = GaussLegendreRule.Integrate(z => z * z * Math.Exp(StandardizedStudentT.LogDensity(z, nu)), -200, 200, 2048);
        Assert.Equal(1.0, mass, 6);
        Assert.Equal(1.0, variance, 3);
    }

    [Fact]
    public void Student_t_approaches_the_normal_for_large_nu()
    {
        Assert.Equal(StandardNormal.Quantile(0.99), StandardizedStudentT.Quantile(0.99, 5000), 2);
        Assert.Equal(StandardNormal.LogDensity(0.7), StandardizedStudentT.LogDensity(0.7, 1e6), 5);
    }
}
