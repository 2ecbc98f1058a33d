namespace RiskGrid.Core.Tests.Volatility;

/// <summary>Assertions for comparing estimates with reference fits.</summary>
internal static class Agreement
{
    /// <summary>
    /// <paramref name="actual"/> agrees with <paramref name="expected"/> to <paramref name="digits"/>
    /// significant digits: they differ by at most half a unit in the last of those digits of the reference.
    /// </summary>
    public static void SignificantDigits(double expected, double actual, int digits, string name)
    {
        var exponent = Math.Floor(Math.Log10(Math.Abs(expected)));
        var halfUnit = 0.5 * Math.Pow(10, exponent - digits + 1);
        Assert.True(Math.Abs(actual - expected) <= halfUnit,
            $"{name}: {actual:G6} does not agree with the reference {expected:G6} to {digits} significant digits (±{halfUnit:G2})");
    }
}
