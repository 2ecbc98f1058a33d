using RiskGrid.Core.Data;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>Seeded price series for grid tests: GARCH(1,1)-type returns on weekdays from 2015-01-05.</summary>
public static class TestSeries
{
    public static PriceSeries Create(string instrument, int prices, int seed)
    {
        var rng = new Random(seed);
        var bars = new List<PriceBar>(prices);
        var date = new DateOnly(2015, 1, 5);
        var price = 100.0 + seed % 17;
        var variance = 1.0;
        var previous = 0.0;
        for (var i = 0; i < prices; i++)
        {
            if (i > 0)
            {
                variance = 0.05 + 0.08 * previous * previous + 0.9 * variance;
                var u1 = 1 - rng.NextDouble();
                var u2 = rng.NextDouble();
                previous = Math.Sqrt(variance) * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                price *= 1 + previous / 100;
                date = NextWeekday(date);
            }

            bars.Add(PriceBar.FromClose(date, price));
        }

        return PriceSeries.Create(instrument, $"test:{instrument}", bars);
    }

    public static DailyPrice[] Prices(PriceSeries series, int skip = 0, int take = int.MaxValue) =>
        [.. series.Bars.Skip(skip).Take(take).Select(b => b.ToMessage())];

    public static DateOnly NextWeekday(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        return date;
    }

    /// <summary>A unique name per test, so tests sharing a cluster never share grains.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
