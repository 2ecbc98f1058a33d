using FsCheck;
using FsCheck.Xunit;
using RiskGrid.Core.Data;
using RiskGrid.Core.Features;

namespace RiskGrid.Core.Tests.Features;

/// <summary>Changing any bar after day t changes no feature of a day ≤ t.</summary>
public sealed class NoLookAheadProperties
{
    [Property(MaxTest = 150, Replay = "(20240601,12345)")]
    public bool Features_up_to_t_ignore_later_bars(int seed, PositiveInt cutSeed, bool withRange)
    {
        var random = new Random(seed);
        var bars = RandomBars(random, 40 + random.Next(80), withRange);
        var cut = cutSeed.Get % bars.Length;
        var changed = (PriceBar[])bars.Clone();
        for (var t = cut + 1; t < changed.Length; t++)
        {
            // A shock, a shift of the level and a new range: anything may happen after t.
            var factor = Math.Exp(random.NextDouble() * 2 - 1);
            var b = changed[t];
            changed[t] = b with { Open = b.Open * factor, High = b.High * factor * 1.01, Low = b.Low * factor * 0.99, Close = b.Close * factor };
        }

        var before = MarketFeatures.Compute(bars);
        var after = MarketFeatures.Compute(changed);
        for (var t = 0; t <= cut; t++)
        {
            for (var j = 0; j < MarketFeatures.Count; j++)
            {
                if (!before[t][j].Equals(after[t][j]))
                {
                    return false;
                }
            }
        }

        // The change is visible after t (else the property would hold vacuously).
        return cut == bars.Length - 1 || !before[cut + 1][MarketFeatures.SimpleReturn].Equals(after[cut + 1][MarketFeatures.SimpleReturn]);
    }

    private static PriceBar[] RandomBars(Random random, int count, bool withRange)
    {
        var bars = new PriceBar[count];
        var close = 100.0;
        for (var t = 0; t < count; t++)
        {
            var open = close;
            close = open * Math.Exp(0.02 * (random.NextDouble() - 0.5));
            var date = new DateOnly(2020, 1, 1).AddDays(t);
            bars[t] = withRange
                ? new PriceBar(date, open, Math.Max(open, close) * (1 + 0.01 * random.NextDouble()),
                    Math.Min(open, close) * (1 - 0.01 * random.NextDouble()), close)
                : PriceBar.FromClose(date, close);
        }

        return bars;
    }
}
