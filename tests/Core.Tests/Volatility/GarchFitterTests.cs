using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class GarchFitterTests
{
    [Theory]
    [InlineData("garch-n", 0)]
    [InlineData("garch-t", 1200)]
    [InlineData("gjr-n", 2400)]
    [InlineData("gjr-t", 3600)]
    [InlineData("egarch-n", 600)]
    [InlineData("egarch-t", 3000)]
    public void Warm_start_from_the_previous_day_reaches_the_cold_optimum_in_fewer_iterations(string name, int offset)
    {
        var model = VolatilityLikelihoodTests.Model(name);
        var returns = Simulated(offset);
        var yesterday = GarchFitter.Fit(model, returns.AsSpan(0, 1000));
        var cold = GarchFitter.Fit(model, returns.AsSpan(1, 1000));
        var warm = GarchFitter.Fit(model, returns.AsSpan(1, 1000), yesterday);

        AssertSameOptimum(cold, warm);
        Assert.True(warm.Iterations < cold.Iterations, $"{name}: warm {warm.Iterations} iterations, cold {cold.Iterations}");
    }

    [SharedDataFact]
    public void Warm_start_on_sp500_windows_reaches_the_cold_optimum_in_fewer_iterations()
    {
        foreach (var name in new[] { "garch-n", "gjr-t", "egarch-n" })
        {
            var model = VolatilityLikelihoodTests.Model(name);
            var yesterday = GarchFitter.Fit(model, Sp500Returns.Window(2200, 1000));
            var cold = GarchFitter.Fit(model, Sp500Returns.Window(2201, 1000));
            var warm = GarchFitter.Fit(model, Sp500Returns.Window(2201, 1000), yesterday);

            AssertSameOptimum(cold, warm);
            Assert.True(warm.Iterations < cold.Iterations, $"{name}: warm {warm.Iterations} iterations, cold {cold.Iterations}");
        }
    }

    [SharedDataTheory]
    [InlineData("garch-n", 0)]
    [InlineData("garch-t", 1200)]
    [InlineData("gjr-n", 2400)]
    [InlineData("egarch-n", 600)]
    [InlineData("egarch-t", 3000)]
    public void Standard_errors_and_log_likelihood_are_those_of_the_estimate_on_rolling_fits(string name, int offset)
    {
        // The search's expected last step evaluates the Hessian the standard errors come from; whether or not the step was
        // the last, they must be the estimate's own (a Hessian kept from an earlier point would show here).
        var model = VolatilityLikelihoodTests.Model(name);
        ModelFit? previous = null;
        for (var start = offset; start < offset + 12; start++)
        {
            var window = Sp500Returns.Window(start, 1000);
            var fit = GarchFitter.Fit(model, window, previous);
            Assert.True(fit.IsUsable, $"{name} window {start}: {fit.Message}");
            var likelihood = new VolatilityLikelihood(model, window);
            var expected = LikelihoodStandardErrors.Compute(likelihood, fit.Parameters);
            Assert.NotNull(expected);
            Assert.NotNull(fit.StandardErrors);
            Assert.Equal(likelihood.LogLikelihood(fit.Parameters), fit.LogLikelihood, 9);
            for (var j = 0; j < expected.Length; j++)
            {
                Assert.True(Math.Abs(fit.StandardErrors[j] - expected[j]) <= 1e-9 * expected[j],
                    $"{name} window {start}, {model.ParameterNames[j]}: standard error {fit.StandardErrors[j]:R}, at the estimate {expected[j]:R}");
            }

            previous = fit;
        }
    }

    [Fact]
    public void Warm_start_without_optimiser_state_or_with_a_corrupt_one_still_reaches_the_optimum()
    {
        var model = VolatilityModel.GarchNormal();
        var returns = Simulated(0);
        var yesterday = GarchFitter.Fit(model, returns.AsSpan(0, 1000));
        var cold = GarchFitter.Fit(model, returns.AsSpan(1, 1000));

        AssertSameOptimum(cold, GarchFitter.Fit(model, returns.AsSpan(1, 1000), yesterday with { Blob = null }));
        AssertSameOptimum(cold, GarchFitter.Fit(model, returns.AsSpan(1, 1000), yesterday with { Blob = [1, 2, 3] }));
    }

    [Fact]
    public void A_previous_fit_of_another_shape_or_a_failed_one_gives_a_cold_start()
    {
        var returns = Simulated(0).AsSpan(0, 800).ToArray();
        var cold = GarchFitter.Fit(VolatilityModel.GarchStudentT(), returns);
        var otherModel = GarchFitter.Fit(VolatilityModel.GarchNormal(), returns);

        AssertSameOptimum(cold, GarchFitter.Fit(VolatilityModel.GarchStudentT(), returns, otherModel));
        AssertSameOptimum(cold, GarchFitter.Fit(VolatilityModel.GarchStudentT(), returns, ModelFit.Failure("earlier failure")));
        AssertSameOptimum(cold, GarchFitter.Fit(VolatilityModel.GarchStudentT(), returns,
            cold with { Parameters = [double.NaN, 0.1, 0.1, 0.8, 5] }));
    }

    [Theory]
    [InlineData(99, double.NaN, "99 returns, a fit needs at least 100")]
    [InlineData(500, double.NaN, "return 250 of 500 is NaN")]
    [InlineData(500, double.PositiveInfinity, "return 250 of 500 is Infinity")]
    public void Bad_data_fail_with_a_message_and_no_exception(int count, double bad, string problem)
    {
        var returns = Simulated(0).AsSpan(0, count).ToArray();
        if (count >= 250)
        {
            returns[249] = bad;
        }

        foreach (var model in new[] { VolatilityModel.GarchNormal(), VolatilityModel.EgarchStudentT() })
        {
            var fit = GarchFitter.Fit(model, returns);
            Assert.Equal(FitStatus.Failed, fit.Status);
            Assert.False(fit.IsUsable);
            Assert.Contains(problem, fit.Message);
            Assert.StartsWith(model.Name, fit.Message);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    public void Constant_returns_fail_with_a_zero_variance_message(double level)
    {
        var fit = GarchFitter.Fit(VolatilityModel.GjrStudentT(), Enumerable.Repeat(level, 300).ToArray());
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("zero variance", fit.Message);
    }

    [Fact]
    public void Returns_in_other_units_give_the_same_fit_rescaled()
    {
        // Working coordinates are relative to the sample's mean and variance: fitting 100·r (basis points
        // of percent) must give μ × 100, ω × 10⁴ and the same α, β, log-likelihood less T·ln 100.
        var returns = Simulated(0).AsSpan(0, 1000).ToArray();
        var model = VolatilityModel.GarchNormal();
        var percent = GarchFitter.Fit(model, returns);
        var scaled = GarchFitter.Fit(model, returns.Select(r => 100 * r).ToArray());

        var backInPercent = new[] { scaled.Parameters[0] / 100, scaled.Parameters[1] / 1e4, scaled.Parameters[2], scaled.Parameters[3] };
        for (var i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(backInPercent[i] - percent.Parameters[i]) <= 0.01 * percent.StandardErrors![i],
                $"parameter {i}: {backInPercent[i]:R} vs {percent.Parameters[i]:R}");
        }

        Assert.Equal(percent.LogLikelihood - 1000 * Math.Log(100), scaled.LogLikelihood, 5);
    }

    [Fact]
    public void Normal_data_put_the_degrees_of_freedom_on_their_upper_bound()
    {
        var path = VolatilitySimulator.Simulate(VolatilityModel.GarchNormal(), [0.0, 0.05, 0.1, 0.85], 1500, seed: 31);
        var fit = GarchFitter.Fit(VolatilityModel.GarchStudentT(), path.Returns);
        Assert.Equal(FitStatus.ConvergedAtBound, fit.Status);
        Assert.Contains($"nu at its upper bound {StudentTInnovation.MaxNu}", fit.Message);
        Assert.Equal(StudentTInnovation.MaxNu, fit.Parameters[^1], 6);
    }

    private static void AssertSameOptimum(ModelFit expected, ModelFit actual)
    {
        Assert.True(actual.IsUsable, actual.Message);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood, 6);
        for (var i = 0; i < expected.Parameters.Length; i++)
        {
            // Within a hundredth of a standard error.
            var tolerance = 0.01 * (expected.StandardErrors?[i] ?? Math.Max(Math.Abs(expected.Parameters[i]), 1e-3));
            Assert.True(Math.Abs(expected.Parameters[i] - actual.Parameters[i]) <= tolerance,
                $"parameter {i}: {expected.Parameters[i]:R} vs {actual.Parameters[i]:R}");
        }
    }

    private static double[] Simulated(int offset) =>
        VolatilitySimulator.Simulate(VolatilityModel.GjrStudentT(), [0.04, 0.02, 0.02, 0.14, 0.85, 7], 1001 + offset, seed: 77)
            .Returns[offset..];
}
