using RiskGrid.Core.Engine;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>Bit-for-bit comparisons of forecasts (NaN equals NaN only with the same bits).</summary>
public static class Bits
{
    public static long Of(double x) => BitConverter.DoubleToInt64Bits(x);

    public static void Equal(double expected, double actual, string what)
    {
        if (Of(expected) != Of(actual))
        {
            Assert.Fail($"{what}: expected {expected:R} (0x{Of(expected):X16}), got {actual:R} (0x{Of(actual):X16})");
        }
    }

    /// <summary>Every field of every record identical, doubles compared by their bits.</summary>
    public static void Identical(IReadOnlyList<ForecastRecord> expected, IReadOnlyList<ForecastRecord> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} forecasts expected, got {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var at = $"{what}, forecast {i} ({e.OriginDate:yyyy-MM-dd})";
            Assert.Equal(e.OriginDate, a.OriginDate);
            Assert.Equal(e.TargetDate, a.TargetDate);
            Assert.Equal(e.FitStatus, a.FitStatus);
            Assert.Equal(e.Refitted, a.Refitted);
            Assert.True(e.VaR.Length == a.VaR.Length && e.ES.Length == a.ES.Length, $"{at}: level counts differ");
            for (var k = 0; k < e.VaR.Length; k++)
            {
                Equal(e.VaR[k], a.VaR[k], $"{at} VaR[{k}]");
                Equal(e.ES[k], a.ES[k], $"{at} ES[{k}]");
            }

            Equal(e.Mean, a.Mean, $"{at} mean");
            Equal(e.Volatility, a.Volatility, $"{at} volatility");
            Equal(e.Realized, a.Realized, $"{at} realised");
            Equal(e.Pit, a.Pit, $"{at} PIT");
            Assert.True((e.Law is null) == (a.Law is null), $"{at}: law {e.Law?.Distribution ?? "none"} expected, got {a.Law?.Distribution ?? "none"}");
            if (e.Law is { } law && a.Law is { } other)
            {
                Assert.Equal(law.Distribution, other.Distribution);
                Assert.Equal([Of(law.Location), Of(law.Scale), .. law.Shape.Select(Of)], [Of(other.Location), Of(other.Scale), .. other.Shape.Select(Of)]);
                Assert.True(law.Process == other.Process, $"{at}: forecast map {law.Process ?? "none"} expected, got {other.Process ?? "none"}");
                Assert.Equal(law.ProcessParameters.Select(Of), other.ProcessParameters.Select(Of));
            }
        }
    }
}
