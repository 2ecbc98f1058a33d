using RiskGrid.Core.Models;

namespace RiskGrid.Core.Tests.Models;

public sealed class BoundedBrentTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.01)]
    [InlineData(0.97)]
    public void Finds_an_interior_minimum(double target)
    {
        var calls = 0;
        var r = BoundedBrent.Minimize(x => { calls++; return Math.Cosh(5 * (x - target)); }, 0, 1, 1e-8);
        Assert.Equal(target, r.X, 6);
        Assert.Equal(0, r.Bound);
        Assert.True(r.Converged);
        Assert.Equal(calls, r.Evaluations);
        Assert.True(r.Evaluations < 60);
    }

    [Fact]
    public void Reports_a_minimum_on_either_bound()
    {
        var lower = BoundedBrent.Minimize(x => x * x, 2, 5, 1e-8);
        Assert.Equal((2.0, -1), (lower.X, lower.Bound));
        var upper = BoundedBrent.Minimize(x => -x, 2, 5, 1e-8);
        Assert.Equal((5.0, 1), (upper.X, upper.Bound));
    }

    [Fact]
    public void Stops_at_the_evaluation_limit_without_claiming_convergence()
    {
        var r = BoundedBrent.Minimize(x => Math.Abs(x - 0.123456789), 0, 1, 1e-15, maxEvaluations: 5);
        Assert.False(r.Converged);
        Assert.InRange(r.Evaluations, 5, 6);
    }
}
