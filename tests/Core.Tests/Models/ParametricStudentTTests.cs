using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

public sealed class ParametricStudentTTests
{
    /// <summary>n draws of μ + σ·z, z a unit-variance t_ν, from a seeded generator.</summary>
    private static double[] Sample(int n, double mu, double sigma, double nu, int seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var scale = sigma * Math.Sqrt((nu - 2) / nu);
        return Enumerable.Range(0, n).Select(_ => mu + scale * StudentT.Sample(rng, 0, 1, nu)).ToArray();
    }

    [Theory]
    [InlineData(3.0, 11)]
    [InlineData(5.0, 12)]
    [InlineData(8.0, 13)]
    public void Maximum_likelihood_recovers_the_parameters_of_a_large_sample(double nu, int seed)
    {
        var x = Sample(20_000, 0.05, 1.3, nu, seed);
        var fit = new ParametricStudentT().Fit(ModelWindow.OfReturns(x), null);

        Assert.Equal(FitStatus.Converged, fit.Status);
        var (mu, sigma, nuHat) = (fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]);
        Assert.NotNull(fit.StandardErrors);
        var se = fit.StandardErrors!;
        Assert.InRange(nuHat, nu * 0.85, nu * 1.15);
        Assert.True(Math.Abs(nuHat - nu) < 4 * se[2], $"nu {nuHat} vs {nu}, se {se[2]}");
        Assert.True(Math.Abs(mu - 0.05) < 4 * se[0], $"mu {mu}, se {se[0]}");
        Assert.True(Math.Abs(sigma - 1.3) < 4 * se[1], $"sigma {sigma}, se {se[1]}");
    }

    [Fact]
    public void The_fit_is_a_maximum_of_the_likelihood()
    {
        var x = Series.NoisyReturns(1000, 21);
        var fit = new ParametricStudentT().Fit(ModelWindow.OfReturns(x), null);
        var p = fit.Parameters;
        double Ll(double mu, double sigma, double nu) =>
            x.Sum(r => StandardizedStudentT.LogDensity((r - mu) / sigma, nu) - Math.Log(sigma));

        var best = Ll(p[0], p[1], p[2]);
        Assert.Equal(best, fit.LogLikelihood, 6);
        foreach (var d in new[] { -1.0, 1.0 })
        {
            Assert.True(best >= Ll(p[0] + 0.01 * d, p[1], p[2]));
            Assert.True(best >= Ll(p[0], p[1] * (1 + 0.01 * d), p[2]));
            Assert.True(best >= Ll(p[0], p[1], Math.Max(2.1, p[2] * (1 + 0.05 * d))));
        }
    }

    [Fact]
    public void Normal_data_put_nu_on_its_upper_bound()
    {
        var rng = new Xoshiro256StarStar(5);
        var x = Enumerable.Range(0, 5000).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        var fit = new ParametricStudentT().Fit(ModelWindow.OfReturns(x), null);
        Assert.Equal(FitStatus.ConvergedAtBound, fit.Status);
        Assert.Equal(100, fit.Parameters[2]);
        Assert.Null(fit.StandardErrors);
        Assert.Contains("upper bound", fit.Message);
    }

    [Fact]
    public void Forecast_uses_the_fitted_unit_variance_t()
    {
        var model = new ParametricStudentT();
        var fit = new ModelFit(FitStatus.Converged, [0.1, 2.0, 4.0], null, double.NaN, 0);
        var f = model.Forecast(ModelWindow.OfReturns([1, 2, 3]), fit, [0.99])[0];

        // Standard t_4 quantile scaled to unit variance by √((ν−2)/ν).
        var q = StudentT.InvCDF(0, 1, 4, 0.99) * Math.Sqrt(2.0 / 4);
        Assert.Equal(-0.1 + 2.0 * q, f.VaR, 10);
        Assert.Equal(-0.1 + 2.0 * StandardizedStudentT.ExpectedShortfall(0.99, 4), f.ES, 10);
        Assert.True(f.VaR > -0.1 + 2.0 * StandardNormal.Quantile(0.99)); // fatter tail than the normal at 99%
    }

    [Fact]
    public void Unusable_windows_are_a_failed_fit()
    {
        var model = new ParametricStudentT();
        Assert.Equal(FitStatus.Failed, model.Fit(ModelWindow.OfReturns(Enumerable.Repeat(1.0, 50).ToArray()), null).Status);
        Assert.Equal(FitStatus.Failed, model.Fit(ModelWindow.OfReturns([1.0, 2.0]), null).Status);
        var inf = Series.NoisyReturns(50, 2);
        inf[3] = double.PositiveInfinity;
        Assert.Equal(FitStatus.Failed, model.Fit(ModelWindow.OfReturns(inf), null).Status);
    }

    [Fact]
    public void Heavy_tailed_windows_keep_nu_within_its_bounds()
    {
        // A few enormous outliers among small moves push ν towards its lower bound, never below.
        var x = Series.NoisyReturns(500, 3).Select(r => r * 0.1).ToArray();
        x[100] = 30;
        x[300] = -40;
        x[400] = 25;
        var fit = new ParametricStudentT().Fit(ModelWindow.OfReturns(x), null);
        Assert.True(fit.IsUsable);
        Assert.InRange(fit.Parameters[2], 2.1, 100);
    }
}
