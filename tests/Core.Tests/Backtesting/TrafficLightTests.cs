using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class TrafficLightTests
{
    [Theory]
    [InlineData(0, TrafficLightZone.Green)]
    [InlineData(4, TrafficLightZone.Green)]
    [InlineData(5, TrafficLightZone.Yellow)]
    [InlineData(9, TrafficLightZone.Yellow)]
    [InlineData(10, TrafficLightZone.Red)]
    [InlineData(25, TrafficLightZone.Red)]
    [InlineData(250, TrafficLightZone.Red)]
    public void Basel_zones_at_99_percent_over_250_days(int exceptions, TrafficLightZone zone) =>
        Assert.Equal(zone, TrafficLight.ZoneOf(exceptions, 250, 0.99));

    [Fact]
    public void Every_count_at_99_percent_over_250_days_follows_the_basel_table()
    {
        for (var x = 0; x <= 250; x++)
        {
            var expected = x <= 4 ? TrafficLightZone.Green : x <= 9 ? TrafficLightZone.Yellow : TrafficLightZone.Red;
            Assert.Equal(expected, TrafficLight.ZoneOf(x, 250, 0.99));
        }
    }

    // P(X ≤ x) for X ~ Binomial(n, p) by the pmf recurrence f(k+1) = f(k)·(n−k)/(k+1)·p/(1−p).
    private static double BinomialCdf(int n, double p, int x)
    {
        var pmf = Math.Pow(1 - p, n);
        var cdf = pmf;
        for (var k = 0; k < x; k++)
        {
            pmf *= (n - k) / (k + 1.0) * p / (1 - p);
            cdf += pmf;
        }

        return cdf;
    }

    private static TrafficLightZone ByDefinition(int exceptions, int days, double alpha)
    {
        if (exceptions == 0)
        {
            return TrafficLightZone.Green;
        }

        var cdf = BinomialCdf(days, 1 - alpha, exceptions);
        return cdf < 0.95 ? TrafficLightZone.Green : cdf < 0.9999 ? TrafficLightZone.Yellow : TrafficLightZone.Red;
    }

    [Theory]
    [InlineData(0.95, 250)]
    [InlineData(0.975, 250)]
    [InlineData(0.99, 100)]
    [InlineData(0.99, 60)]
    [InlineData(0.95, 20)]
    [InlineData(0.99, 500)]
    public void Other_levels_and_windows_follow_the_cumulative_binomial_definition(double alpha, int days)
    {
        for (var x = 0; x <= Math.Min(days, 60); x++)
        {
            Assert.Equal(ByDefinition(x, days, alpha), TrafficLight.ZoneOf(x, days, alpha));
        }
    }

    [Fact]
    public void At_95_percent_over_250_days_yellow_starts_at_18_and_red_at_27()
    {
        // P(X ≤ 17) = 0.921 < 95% ≤ P(X ≤ 18) = 0.953; P(X ≤ 26) = 0.99984 < 99.99% ≤ P(X ≤ 27) = 0.99993.
        Assert.Equal(TrafficLightZone.Green, TrafficLight.ZoneOf(17, 250, 0.95));
        Assert.Equal(TrafficLightZone.Yellow, TrafficLight.ZoneOf(18, 250, 0.95));
        Assert.Equal(TrafficLightZone.Yellow, TrafficLight.ZoneOf(26, 250, 0.95));
        Assert.Equal(TrafficLightZone.Red, TrafficLight.ZoneOf(27, 250, 0.95));
    }

    [Fact]
    public void Fewer_days_use_the_binomial_over_the_days_there_are()
    {
        // 100 days at 99%: P(X ≤ 2) = 0.921, P(X ≤ 3) = 0.982 → yellow from 3;
        // P(X ≤ 5) = 0.99966, P(X ≤ 6) = 0.99995 → red from 6.
        Assert.Equal(TrafficLightZone.Green, TrafficLight.ZoneOf(2, 100, 0.99));
        Assert.Equal(TrafficLightZone.Yellow, TrafficLight.ZoneOf(3, 100, 0.99));
        Assert.Equal(TrafficLightZone.Yellow, TrafficLight.ZoneOf(5, 100, 0.99));
        Assert.Equal(TrafficLightZone.Red, TrafficLight.ZoneOf(6, 100, 0.99));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    public void No_exceptions_is_green_however_short_the_window(int days)
    {
        // 0.99^days ≥ 95% for days ≤ 5: the bare cumulative rule would light yellow with no exception.
        Assert.Equal(TrafficLightZone.Green, TrafficLight.ZoneOf(0, days, 0.99));
        Assert.Equal(new TrafficLight(TrafficLightZone.Green, 0, days), TrafficLight.Of(new bool[days], 0.99));
    }

    [Fact]
    public void Light_uses_only_the_last_250_days()
    {
        // 300 days: 8 exceptions in the first 50 (outside the window), 3 in the last 250.
        var hits = new bool[300];
        foreach (var t in new[] { 1, 5, 9, 13, 20, 30, 40, 49, 120, 200, 299 })
        {
            hits[t] = true;
        }

        Assert.Equal(new TrafficLight(TrafficLightZone.Green, 3, 250), TrafficLight.Of(hits, 0.99));

        // The window starts at day 50 (day 49's exception is outside it): one there makes the count 4.
        hits[50] = true;
        Assert.Equal(4, TrafficLight.Of(hits, 0.99).Exceptions);
    }

    [Fact]
    public void Short_history_reports_its_days()
    {
        var hits = HitSequences.Parse("0000000001 0000000000 0000000000 0000000000 0000000001 0000000001");
        Assert.Equal(new TrafficLight(TrafficLightZone.Yellow, 3, 60), TrafficLight.Of(hits, 0.99));
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficLight.ZoneOf(5, 4, 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficLight.ZoneOf(1, 250, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficLight.Of([true], 0.99, days: 0));
    }
}
