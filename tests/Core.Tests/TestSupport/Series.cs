using RiskGrid.Core.Data;

namespace RiskGrid.Core.Tests.TestSupport;

/// <summary>Small deterministic price series for tests.</summary>
public static class Series
{
    /// <summary>Prices from percent returns, starting at 100 on 2020-01-01, one calendar day apart.</summary>
    public static PriceSeries FromReturns(string instrument, IReadOnlyList<double> returnsPercent)
    {
        var bars = new List<PriceBar>(returnsPercent.Count + 1);
        var date = new DateOnly(2020, 1, 1);
        var price = 100.0;
        bars.Add(PriceBar.FromClose(date, price));
        foreach (var r in returnsPercent)
        {
            date = date.AddDays(1);
            price *= 1 + r / 100;
            bars.Add(PriceBar.FromClose(date, price));
        }

        return PriceSeries.Create(instrument, $"test:{instrument}", bars);
    }

    /// <summary>Seeded Student-t-ish returns with slowly varying volatility.</summary>
    public static double[] NoisyReturns(int n, int seed)
    {
        var rng = new Random(seed);
        var r = new double[n];
        for (var i = 0; i < n; i++)
        {
            var vol = 1 + 0.5 * Math.Sin(i / 50.0);
            var u1 = 1 - rng.NextDouble();
            var u2 = rng.NextDouble();
            r[i] = vol * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return r;
    }
}
