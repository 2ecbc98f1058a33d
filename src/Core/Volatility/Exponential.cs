using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// e^x for the sequential EGARCH recursion, where each step's exponential waits for the last one, so its latency,
/// not its throughput, sets the speed of a likelihood pass. Inlined, with fused multiply-adds: x = (k + j/128)·ln 2 + r,
/// |r| ≤ ln 2/256, e^x = 2^k · 2^(j/128) · e^r, a table of the 128 values 2^(j/128) and a degree-5 polynomial for e^r − 1
/// (truncation below 10⁻¹⁸). Within 2 units in the last place of <see cref="Math.Exp"/>; outside |x| &lt; 700, and on
/// machines without FMA, it is <see cref="Math.Exp"/>.
/// </summary>
internal static class Exponential
{
    private const int TableBits = 7;
    private const int TableSize = 1 << TableBits;
    private const double InverseLn2N = TableSize / 0.69314718055994530942;

    // ln 2/128 in two parts: the high part's trailing bits are zero, so k·Ln2HiN is exact for |k| < 2^20.
    private const double Ln2HiN = 0.693147180369123816490 / TableSize;
    private const double Ln2LoN = 1.90821492927058770002e-10 / TableSize;

    // 1.5·2^52: adding it rounds to an integer held in the low bits.
    private const double Shift = 6755399441055744.0;

    private static readonly long[] Table = BuildTable();

    private static readonly bool Fused = System.Runtime.Intrinsics.X86.Fma.IsSupported
                                         || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>e^x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double x)
    {
        if (!(Math.Abs(x) < 700) || !Fused)
        {
            return Math.Exp(x);
        }

        var kd = Math.FusedMultiplyAdd(x, InverseLn2N, Shift);
        var ki = BitConverter.DoubleToInt64Bits(kd);
        kd -= Shift;
        var r = Math.FusedMultiplyAdd(kd, -Ln2HiN, x);
        r = Math.FusedMultiplyAdd(kd, -Ln2LoN, r);
        var r2 = r * r;
        var low = Math.FusedMultiplyAdd(r, 1.0 / 6, 0.5);
        var high = Math.FusedMultiplyAdd(r, 1.0 / 120, 1.0 / 24);
        var p = Math.FusedMultiplyAdd(r2, Math.FusedMultiplyAdd(r2, high, low), r);
        // 2^(j/128)·2^k: k = ki >> 7 (floor, also for negative ki) added to the table value's exponent.
        var scale = BitConverter.Int64BitsToDouble(Table[ki & (TableSize - 1)] + ((ki >> TableBits) << 52));
        return Math.FusedMultiplyAdd(scale, p, scale);
    }

    private static long[] BuildTable()
    {
        var table = new long[TableSize];
        for (var j = 0; j < TableSize; j++)
        {
            table[j] = BitConverter.DoubleToInt64Bits(Math.Pow(2, (double)j / TableSize));
        }

        return table;
    }
}
