using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Volatility;

public sealed class ExponentialTests
{
    [Fact]
    public void Agrees_with_Math_Exp_to_two_units_in_the_last_place()
    {
        var random = new Random(11);
        var worst = 0.0;
        for (var k = 0; k < 200_000; k++)
        {
            // The EGARCH recursion's range (ln σ² within ±30 of the backcast's, halved for 1/σ) and well beyond.
            var x = k < 100_000 ? 80 * random.NextDouble() - 40 : 1400 * random.NextDouble() - 700;
            var exact = Math.Exp(x);
            worst = Math.Max(worst, Math.Abs(Exponential.Of(x) - exact) / exact);
        }

        Assert.True(worst <= 4.5e-16, $"largest relative difference {worst:g3}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(709.5)]
    [InlineData(-745.5)]
    [InlineData(800.0)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void Zero_and_the_edges_are_those_of_Math_Exp(double x) => Assert.Equal(Math.Exp(x), Exponential.Of(x));

    [Fact]
    public void Not_a_number_stays_so() => Assert.True(double.IsNaN(Exponential.Of(double.NaN)));
}
