using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class VarianceRecursionTests
{
    [Theory]
    [InlineData(1, 0.05, 0.08, 0.9)]
    [InlineData(2, 0.5, 0.0, 0.0)]
    [InlineData(3, 0.01, 0.2, 0.79)]
    public void Garch_kernel_matches_the_slow_reference(int seed, double omega, double alpha, double beta)
    {
        var e = Residuals(seed, 300);
        foreach (var length in new[] { e.Length, e.Length + 1 })
        {
            var h = new double[length];
            VarianceRecursion.Garch(e, omega, alpha, beta, e.Select(x => x * x).Average(), h);
            AssertClose(SlowRecursions.Garch(e, omega, alpha, beta, length), h);
        }
    }

    [Theory]
    [InlineData(4, 0.02, 0.0, 0.18, 0.89)]
    [InlineData(5, 0.1, 0.05, 0.1, 0.8)]
    [InlineData(6, 0.1, 0.2, -0.15, 0.7)]
    public void Gjr_kernel_matches_the_slow_reference(int seed, double omega, double alpha, double gamma, double beta)
    {
        var e = Residuals(seed, 300);
        foreach (var length in new[] { e.Length, e.Length + 1 })
        {
            var h = new double[length];
            VarianceRecursion.GjrGarch(e, omega, alpha, gamma, beta, e.Select(x => x * x).Average(), h);
            AssertClose(SlowRecursions.Gjr(e, omega, alpha, gamma, beta, length), h);
        }
    }

    [Theory]
    [InlineData(7, 0.0, 0.14, -0.15, 0.97)]
    [InlineData(8, 0.05, 0.3, 0.1, 0.5)]
    [InlineData(9, -0.1, 0.0, -0.3, -0.4)]
    public void Egarch_kernel_matches_the_slow_reference(int seed, double omega, double alpha, double gamma, double beta)
    {
        // Residuals kept away from 0 so that the kernel's smoothing of |z| below 1e-3 does not apply.
        var e = Residuals(seed, 300).Select(x => Math.Abs(x) < 0.01 ? 0.01 : x).ToArray();
        foreach (var length in new[] { e.Length, e.Length + 1 })
        {
            var h = new double[length];
            VarianceRecursion.Egarch(e, omega, alpha, gamma, beta, e.Select(x => x * x).Average(), h);
            AssertClose(SlowRecursions.Egarch(e, omega, alpha, gamma, beta, length), h);
        }
    }

    [Property(Replay = "(20240611,97)", MaxTest = 60)]
    public Property Gjr_with_zero_gamma_is_garch_and_the_forecast_slot_is_one_more_step(PositiveInt seed, NormalFloat rawAlpha,
        NormalFloat rawBeta)
    {
        var alpha = Math.Abs(rawAlpha.Get) % 0.3;
        var beta = Math.Abs(rawBeta.Get) % (0.99 - alpha);
        var e = Residuals(seed.Get, 50);
        var backcast = e.Select(x => x * x).Average();
        var garch = new double[e.Length + 1];
        var gjr = new double[e.Length + 1];
        var inSample = new double[e.Length];
        VarianceRecursion.Garch(e, 0.1, alpha, beta, backcast, garch);
        VarianceRecursion.GjrGarch(e, 0.1, alpha, 0, beta, backcast, gjr);
        VarianceRecursion.Garch(e, 0.1, alpha, beta, backcast, inSample);
        var step = VarianceRecursion.GarchStep(inSample[^1], e[^1], 0.1, alpha, beta);
        return (garch.SequenceEqual(gjr) && inSample.SequenceEqual(garch[..^1]) && step == garch[^1]).ToProperty();
    }

    [Fact]
    public void Egarch_smoothing_changes_abs_only_below_its_threshold_and_is_continuously_differentiable()
    {
        var d = VarianceRecursion.EgarchAbsSmoothing;
        Assert.Equal(0.25, VarianceRecursion.SmoothAbs(-0.25));
        Assert.Equal(d, VarianceRecursion.SmoothAbs(d), 15);
        Assert.Equal(d / 2, VarianceRecursion.SmoothAbs(0), 15);
        Assert.Equal(1.0, VarianceRecursion.SmoothAbsSlope(d));
        Assert.Equal(-1.0, VarianceRecursion.SmoothAbsSlope(-2 * d));
        var z = 0.3 * d;
        Assert.Equal((VarianceRecursion.SmoothAbs(z + 1e-9) - VarianceRecursion.SmoothAbs(z - 1e-9)) / 2e-9,
            VarianceRecursion.SmoothAbsSlope(z), 5);
    }

    [Fact]
    public void A_variance_span_of_the_wrong_length_is_rejected()
    {
        var e = Residuals(1, 10);
        Assert.Throws<ArgumentException>(() => VarianceRecursion.Garch(e, 0.1, 0.1, 0.8, 1, new double[9]));
        Assert.Throws<ArgumentException>(() => VarianceRecursion.Egarch(e, 0.1, 0.1, 0, 0.8, 1, new double[12]));
    }

    internal static double[] Residuals(int seed, int n)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 4 * (1 + random.NextDouble())).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.True(Math.Abs(expected[t] - actual[t]) <= 1e-12 * Math.Abs(expected[t]),
                $"t = {t}: expected {expected[t]:R}, got {actual[t]:R}");
        }
    }
}
