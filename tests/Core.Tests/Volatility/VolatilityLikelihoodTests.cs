using RiskGrid.Core.Distributions;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class VolatilityLikelihoodTests
{
    public static TheoryData<string, double[]> Points => new()
    {
        { "garch-n", [0.05, 0.02, 0.09, 0.89] },
        { "garch-t", [0.05, 0.02, 0.09, 0.89, 6.5] },
        { "gjr-n", [0.03, 0.02, 0.01, 0.15, 0.87] },
        { "gjr-t", [0.03, 0.02, 0.01, 0.15, 0.87, 8] },
        { "egarch-n", [0.02, 0.01, 0.14, -0.15, 0.97] },
        { "egarch-t", [0.02, 0.01, 0.14, -0.15, 0.97, 7] },
        { "garch-skewt", [0.05, 0.02, 0.09, 0.89, 6.5, -0.2] },
        { "gjr-ged", [0.03, 0.02, 0.01, 0.15, 0.87, 1.4] },
        { "egarch-skewt", [0.02, 0.01, 0.14, -0.15, 0.97, 7, 0.15] },
        { "garch-ged", [0.05, 0.02, 0.09, 0.89, 0.9] },
        { "aparch-n", [0.03, 0.02, 0.08, 0.4, 0.88, 1.3] },
        { "aparch-t", [0.03, 0.02, 0.08, 0.4, 0.88, 1.7, 7] },
        { "aparch-skewt", [0.03, 0.02, 0.08, -0.3, 0.88, 2.3, 6, -0.25] },
        { "aparch-ged", [0.03, 0.02, 0.08, 0.4, 0.88, 1.1, 1.3] },
        { "tarch-skewt", [0.03, 0.02, 0.08, 0.4, 0.88, 6, -0.1] },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Log_likelihood_is_the_sum_of_the_innovation_log_densities(string model, double[] parameters)
    {
        var volatility = Model(model);
        var returns = Returns(11);
        var variance = new double[returns.Length];
        volatility.ConditionalVariance(returns, parameters, variance);
        double expected = 0;
        for (var t = 0; t < returns.Length; t++)
        {
            var sigma = Math.Sqrt(variance[t]);
            var z = (returns[t] - parameters[0]) / sigma;
            // Density of ε = σz: f(z)/σ.
            expected += model.Split('-')[1] switch
            {
                "t" => StandardizedStudentT.LogDensity(z, parameters[^1]),
                "skewt" => HansenSkewT.LogDensity(z, parameters[^2], parameters[^1]),
                "ged" => GeneralizedError.LogDensity(z, parameters[^1]),
                _ => StandardNormal.LogDensity(z),
            } - Math.Log(sigma);
        }

        Assert.Equal(expected, new VolatilityLikelihood(volatility, returns).LogLikelihood(parameters), 8);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Analytic_gradient_matches_central_differences(string model, double[] parameters)
    {
        var likelihood = new VolatilityLikelihood(Model(model), Returns(12));
        var gradient = new double[parameters.Length];
        likelihood.LogLikelihood(parameters, gradient);
        for (var i = 0; i < parameters.Length; i++)
        {
            var h = 1e-6 * Math.Max(Math.Abs(parameters[i]), 0.01);
            var up = (double[])parameters.Clone();
            var down = (double[])parameters.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (likelihood.LogLikelihood(up) - likelihood.LogLikelihood(down)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)),
                $"{model} d/d{Model(model).ParameterNames[i]}: analytic {gradient[i]:G10}, numeric {numeric:G10}");
        }
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Analytic_hessian_matches_central_differences_of_the_gradient(string model, double[] parameters)
    {
        var likelihood = new VolatilityLikelihood(Model(model), Returns(14));
        var n = parameters.Length;
        var hessian = new double[n, n];
        var gradient = new double[n];
        if (!likelihood.TryHessian(parameters, gradient, hessian, out var logLikelihood))
        {
            // Parts without second derivatives: the fitter differences the gradient instead.
            Assert.False(likelihood.HasAnalyticHessian);
            return;
        }

        var expectedGradient = new double[n];
        Assert.Equal(likelihood.LogLikelihood(parameters, expectedGradient), logLikelihood, 10);
        var up = new double[n];
        var down = new double[n];
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expectedGradient[i], gradient[i], 1e-9 * Math.Max(1, Math.Abs(expectedGradient[i])));
            var h = 1e-5 * Math.Max(Math.Abs(parameters[i]), 0.01);
            var x = (double[])parameters.Clone();
            x[i] += h;
            likelihood.LogLikelihood(x, up);
            x[i] -= 2 * h;
            likelihood.LogLikelihood(x, down);
            for (var j = 0; j < n; j++)
            {
                var numeric = (up[j] - down[j]) / (2 * h);
                var scale = Math.Sqrt(Math.Abs(hessian[i, i] * hessian[j, j]));
                Assert.True(Math.Abs(numeric - hessian[i, j]) <= 1e-5 * Math.Max(scale, 1),
                    $"{model} d²/d{Model(model).ParameterNames[i]}d{Model(model).ParameterNames[j]}: " +
                    $"analytic {hessian[i, j]:G10}, numeric {numeric:G10}");
            }
        }
    }

    [Theory]
    [InlineData("garch-n")]
    [InlineData("egarch-n")]
    [InlineData("egarch-t")]
    [InlineData("aparch-skewt")]
    public void Log_likelihoods_of_a_starting_grid_at_once_are_each_points_own(string name)
    {
        // EGARCH runs the grid's recursions four at a time (VarianceRecursion.EgarchFour), in any order of the points and
        // with a remainder of fewer than four; each must be the number the point gives alone, to the bit.
        var model = Model(name);
        var returns = Returns(21);
        var points = GarchFitter.StartingValues(model, returns).ToList();
        points.Add(points[1]);
        points.RemoveAt(0);
        var likelihood = new VolatilityLikelihood(model, returns);
        var values = new double[points.Count];
        likelihood.LogLikelihoods(points, values);
        Assert.Equal(points.Count, likelihood.Passes);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(likelihood.LogLikelihood(points[i]), values[i]);
        }

        // Points with different means are not a grid: each alone.
        var shifted = points.Select((p, i) => p.Select((x, j) => j == 0 ? x + 0.01 * i : x).ToArray()).ToList();
        likelihood.LogLikelihoods(shifted, values);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(likelihood.LogLikelihood(shifted[i]), values[i]);
        }
    }

    [Fact]
    public void Mean_enters_the_start_up_through_the_backcast()
    {
        // σ²_1 = ω + (α + β)·mean((r − μ)²): moving μ moves the first variance.
        var model = VolatilityModel.GarchNormal();
        var returns = Returns(13);
        var a = new double[returns.Length];
        var b = new double[returns.Length];
        model.ConditionalVariance(returns, [0.0, 0.1, 0.1, 0.8], a);
        model.ConditionalVariance(returns, [0.5, 0.1, 0.1, 0.8], b);
        var backcast = returns.Select(r => (r - 0.5) * (r - 0.5)).Average();
        Assert.Equal(0.1 + 0.9 * backcast, b[0], 12);
        Assert.NotEqual(a[0], b[0]);
    }

    internal static VolatilityModel Model(string name) => name switch
    {
        "garch-n" => VolatilityModel.GarchNormal(),
        "garch-t" => VolatilityModel.GarchStudentT(),
        "gjr-n" => VolatilityModel.GjrNormal(),
        "gjr-t" => VolatilityModel.GjrStudentT(),
        "egarch-n" => VolatilityModel.EgarchNormal(),
        "egarch-t" => VolatilityModel.EgarchStudentT(),
        _ => VolatilityParts.Compose(name),
    };

    private static double[] Returns(int seed) =>
        VolatilitySimulator.Simulate(VolatilityModel.GjrStudentT(), [0.04, 0.02, 0.02, 0.14, 0.86, 6], 400, seed).Returns;
}
