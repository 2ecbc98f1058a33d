using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class VolatilitySimulatorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_path_and_another_seed_another()
    {
        var model = VolatilityModel.EgarchStudentT();
        double[] parameters = [0.03, 0.0, 0.12, -0.1, 0.97, 7];
        var a = VolatilitySimulator.Simulate(model, parameters, 200, seed: 5);
        var b = VolatilitySimulator.Simulate(model, parameters, 200, seed: 5);
        var c = VolatilitySimulator.Simulate(model, parameters, 200, seed: 6);
        Assert.Equal(a.Returns, b.Returns);
        Assert.Equal(a.Variances, b.Variances);
        Assert.NotEqual(a.Returns, c.Returns);
    }

    [Fact]
    public void Path_follows_the_recursion_with_its_own_innovations()
    {
        double[] parameters = [0.05, 0.03, 0.04, 0.12, 0.85];
        var path = VolatilitySimulator.Simulate(VolatilityModel.GjrNormal(), parameters, 300, seed: 9);
        for (var t = 1; t < path.Returns.Length; t++)
        {
            var e = path.Returns[t - 1] - parameters[0];
            var expected = VarianceRecursion.GjrGarchStep(path.Variances[t - 1], e, 0.03, 0.04, 0.12, 0.85);
            Assert.Equal(expected, path.Variances[t], 10);
        }
    }

    [Theory]
    [InlineData("garch-n", new[] { 0.0, 0.05, 0.1, 0.85 })]
    [InlineData("garch-t", new[] { 0.0, 0.05, 0.1, 0.85, 6.0 })]
    public void Long_simulated_garch_has_its_unconditional_variance_and_unit_variance_innovations(string name, double[] parameters)
    {
        var path = VolatilitySimulator.Simulate(VolatilityLikelihoodTests.Model(name), parameters, 200_000, seed: 21);
        var z = path.Returns.Select((r, t) => (r - parameters[0]) / Math.Sqrt(path.Variances[t])).ToArray();
        Assert.Equal(1.0, z.Select(x => x * x).Average(), 1);
        // ω/(1 − α − β) = 1; the sample variance of a persistent GARCH converges slowly, hence 10%.
        Assert.Equal(1.0, path.Returns.Select(r => r * r).Average(), 0.1);
    }

    [Fact]
    public void Wrong_parameter_count_names_the_parameters()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            VolatilitySimulator.Simulate(VolatilityModel.GarchStudentT(), [0.0, 0.1, 0.1, 0.8], 10, 1));
        Assert.Contains("mu, omega, alpha, beta, nu", ex.Message);
    }
}
