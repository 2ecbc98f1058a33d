using RiskGrid.Core.Distributions;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

/// <summary>The vectorised likelihood loops against a per-observation sum of log densities, including lengths
/// that leave a scalar tail and variances outside the range where logarithms are taken as a product.</summary>
public sealed class VectorKernelsTests
{
    public static TheoryData<int, double, double> Cases => new()
    {
        { 1003, 0.2, 5 },       // ordinary window, three-element tail
        { 7, 0.5, 2 },          // shorter than one block of products
        { 640, 1e-12, 1e12 },   // products of eight could leave the normal range: still exact
        { 400, 1e-40, 1e-35 },  // below 10⁻³⁰: the scalar fallback
        { 401, 1e33, 1e40 },    // above 10³⁰: the scalar fallback
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Normal_and_student_t_sums_equal_the_sum_of_log_densities(int length, double low, double high)
    {
        var random = new Random(length);
        var variance = new double[length];
        var residuals = new double[length];
        for (var t = 0; t < length; t++)
        {
            // Log-uniform variances in [low, high], residuals of matching size.
            variance[t] = low * Math.Pow(high / low, random.NextDouble());
            residuals[t] = Math.Sqrt(variance[t]) * (2 * random.NextDouble() - 1) * 2;
        }

        double normal = 0, student = 0;
        const double nu = 5.5;
        for (var t = 0; t < length; t++)
        {
            var sigma = Math.Sqrt(variance[t]);
            normal += StandardNormal.LogDensity(residuals[t] / sigma) - Math.Log(sigma);
            student += StandardizedStudentT.LogDensity(residuals[t] / sigma, nu) - Math.Log(sigma);
        }

        var tolerance = 1e-10 * Math.Max(1, Math.Abs(normal));
        var n = new NormalInnovation();
        var s = new StudentTInnovation();
        var vw = new double[length];
        var rw = new double[length];
        var g = new double[1];
        Assert.Equal(normal, n.LogLikelihood(residuals, variance, []), tolerance);
        Assert.Equal(normal, n.LogLikelihood(residuals, variance, [], vw, rw, []), tolerance);
        Assert.Equal(student, s.LogLikelihood(residuals, variance, [nu]), 1e-10 * Math.Max(1, Math.Abs(student)));
        Assert.Equal(student, s.LogLikelihood(residuals, variance, [nu], vw, rw, g), 1e-10 * Math.Max(1, Math.Abs(student)));

        // The weights of the last element (in the scalar tail, or the last vector) against their formulas.
        var last = length - 1;
        var ratio = residuals[last] * residuals[last] / variance[last];
        n.LogLikelihood(residuals, variance, [], vw, rw, []);
        Assert.Equal(0.5 * (ratio - 1) / variance[last], vw[last], 1e-12 * Math.Abs(vw[last]) + 1e-300);
        Assert.Equal(-residuals[last] / variance[last], rw[last], 1e-12 * Math.Abs(rw[last]) + 1e-300);
    }

    [Fact]
    public void A_zero_or_negative_variance_gives_a_non_finite_likelihood_not_a_number_from_the_product()
    {
        var residuals = Enumerable.Repeat(0.5, 64).ToArray();
        var variance = Enumerable.Repeat(1.0, 64).ToArray();
        variance[9] = 0;
        Assert.False(double.IsFinite(new NormalInnovation().LogLikelihood(residuals, variance, [])));
        variance[9] = -1;
        Assert.False(double.IsFinite(new StudentTInnovation().LogLikelihood(residuals, variance, [6.0])));
    }
}
