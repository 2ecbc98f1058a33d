namespace RiskGrid.Core.Data;

/// <summary>
/// Functions computed with IEEE 754 basic operations only (+, −, ×, ÷, √ and bit manipulation),
/// which are correctly rounded on every platform. <see cref="Math.Log(double)"/> comes from the
/// platform's C library and may differ in the last bit between operating systems and CPUs; the
/// synthetic universe uses these instead so that its prices are bit-identical everywhere.
/// </summary>
internal static class PortableMath
{
    private const double Sqrt2 = 1.4142135623730951;

    // ln 2 split in two (fdlibm's constants): Ln2Hi has trailing zero bits, so e·Ln2Hi is exact.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// Natural logarithm of a positive, finite, normal <paramref name="x"/> (relative error about 1e-16).
    /// x = m·2^e with m in (√2/2, √2]; ln m = 2·atanh(f), f = (m − 1)/(m + 1), |f| ≤ 0.172, by its series.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0 && double.IsNormal(x)))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "portable log needs a positive, finite, normal number");
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        var f = (m - 1) / (m + 1);
        var f2 = f * f;

        // atanh(f)/f = Σ f^(2k)/(2k+1); with f² ≤ 0.0295 the terms beyond k = 12 are below 1e-19.
        var series = 1.0 / 25;
        for (var k = 11; k >= 0; k--)
        {
            series = series * f2 + 1.0 / (2 * k + 1);
        }

        return e * Ln2Hi + (2 * f * series + e * Ln2Lo);
    }
}
