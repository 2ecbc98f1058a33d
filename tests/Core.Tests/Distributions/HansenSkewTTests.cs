using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Distributions;

public sealed class HansenSkewTTests
{
    public static TheoryData<double, double> Shapes => new() { { 5, -0.3 }, { 8, 0.2 }, { 30, -0.6 }, { 4.1, 0.5 }, { 6, 0 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Density_has_unit_mass_zero_mean_and_unit_variance(double eta, double lambda)
    {
        var mode = Mode(eta, lambda);
        double F(double z) => Math.Exp(HansenSkewT.LogDensity(z, eta, lambda));
        // Over the whole line: the lower half-line to the mode, then the upper half by reflection z → −z.
        double Whole(Func<double, double> g) => Quadrature.ToThe(g, mode) + Quadrature.ToThe(z => g(-z), -mode);

        Assert.Equal(1, Whole(F), 10);
        Assert.Equal(0, Whole(z => z * F(z)), 10);
        Assert.Equal(1, Whole(z => z * z * F(z)), eta > 5 ? 9 : 6);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Cdf_is_the_integral_of_the_density(double eta, double lambda)
    {
        var mode = Mode(eta, lambda);
        foreach (var z in new[] { -5.0, -2, -0.7, mode - 0.01, mode + 0.01, 0, 0.8, 3 })
        {
            var numeric = Quadrature.ToThe(x => Math.Exp(HansenSkewT.LogDensity(x, eta, lambda)), z, mode);
            Assert.True(Math.Abs(numeric - HansenSkewT.Cdf(z, eta, lambda)) < 1e-10,
                $"F({z}) = {HansenSkewT.Cdf(z, eta, lambda):R}, integral {numeric:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Quantile_inverts_the_cdf(double eta, double lambda)
    {
        foreach (var p in new[] { 1e-4, 0.001, 0.01, 0.05, 0.3, 0.5, 0.7, 0.95, 0.99, 0.999 })
        {
            var q = HansenSkewT.InverseCdf(p, eta, lambda);
            Assert.True(Math.Abs(HansenSkewT.Cdf(q, eta, lambda) - p) < 1e-12 * Math.Max(1, p / 0.01), $"F(F⁻¹({p})) = {HansenSkewT.Cdf(q, eta, lambda):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Expected_shortfall_is_the_tail_mean_by_integration(double eta, double lambda)
    {
        var mode = Mode(eta, lambda);
        foreach (var alpha in new[] { 0.3, 0.9, 0.95, 0.975, 0.99 })
        {
            var q = HansenSkewT.InverseCdf(1 - alpha, eta, lambda);
            var tailMean = Quadrature.ToThe(z => z * Math.Exp(HansenSkewT.LogDensity(z, eta, lambda)), q, mode) / (1 - alpha);
            var es = HansenSkewT.LossExpectedShortfall(alpha, eta, lambda);
            Assert.True(Math.Abs(-tailMean - es) < 1e-10 * Math.Max(1, es), $"ES({alpha}) = {es:R}, integral {-tailMean:R}");
            Assert.True(es > HansenSkewT.LossQuantile(alpha, eta, lambda));
        }
    }

    [Fact]
    public void Without_skew_it_is_the_unit_variance_t()
    {
        foreach (var z in new[] { -3.0, -0.5, 0, 1.7 })
        {
            Assert.Equal(StandardizedStudentT.LogDensity(z, 7), HansenSkewT.LogDensity(z, 7, 0), 12);
        }

        Assert.Equal(StandardizedStudentT.Quantile(0.99, 7), HansenSkewT.LossQuantile(0.99, 7, 0), 9);
        Assert.Equal(StandardizedStudentT.ExpectedShortfall(0.99, 7), HansenSkewT.LossExpectedShortfall(0.99, 7, 0), 9);
    }

    [Fact]
    public void Negative_lambda_puts_more_weight_in_the_loss_tail()
    {
        Assert.True(HansenSkewT.LossQuantile(0.99, 6, -0.3) > HansenSkewT.LossQuantile(0.99, 6, 0));
        Assert.True(HansenSkewT.LossQuantile(0.99, 6, 0.3) < HansenSkewT.LossQuantile(0.99, 6, 0));
    }

    [Fact]
    public void Out_of_range_parameters_are_refused_by_name()
    {
        Assert.Contains("eta", Assert.Throws<ArgumentOutOfRangeException>(() => HansenSkewT.Cdf(0, 2, 0)).Message);
        Assert.Contains("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => HansenSkewT.Cdf(0, 5, 1)).Message);
    }

    private static double Mode(double eta, double lambda)
    {
        var (a, b, _) = HansenSkewT.Constants(eta, lambda);
        return -a / b;
    }
}
