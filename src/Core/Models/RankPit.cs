using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Models;

/// <summary>
/// The randomised rank PIT of a point against a sample (Czado, Gneiting and Held 2009, the randomised PIT of a discrete
/// forecast; the verification rank of an ensemble): with n sample values, k of them below x and j equal to it,
/// PIT = (k + U·(j + 1))/(n + 1), U uniform on (0, 1), uniform over the j + 1 places x can take among its ties. When x
/// and the n values are exchangeable (i.i.d. returns and a window of them) the PIT is exactly uniform on (0, 1), and it
/// is never 0 or 1, unlike the sample's empirical CDF (the inverse of its type-7 quantile, <see cref="EmpiricalQuantile"/>),
/// which is 0 below the lowest point.
/// <para>
/// U is a hash of the inputs (<see cref="Uniform"/>: SplitMix64 of the bits of x, n, k and the sample's values), so the
/// same window and return give the same PIT on every run, runtime and silo, while a repeated return (prices on a tick
/// grid) still meets a new U on each day its window differs.
/// </para>
/// </summary>
public static class RankPit
{
    /// <summary>The largest double below 1, where a PIT is clamped ((n + U)/(n + 1) rounds to 1 for U within an ulp of 1).</summary>
    public static readonly double BelowOne = Math.BitDecrement(1.0);

    /// <summary>The randomised rank PIT of <paramref name="x"/> among <paramref name="sample"/> (unsorted, read once).</summary>
    public static double Of(ReadOnlySpan<double> sample, double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        int below = 0, equal = 0;
        ulong values = 0;
        foreach (var v in sample)
        {
            below += v < x ? 1 : 0;
            equal += v == x ? 1 : 0;
            values += Bits(v);
        }

        return FromRank(below, equal, sample.Length, x, values);
    }

    /// <summary>
    /// The rank PIT of −<paramref name="loss"/> among the negated losses, P(R ≤ r) of a return from a sample of losses
    /// (k counts the losses above <paramref name="loss"/>; bit for bit <see cref="Of"/> of the negated sample and point),
    /// the sample being those of <paramref name="losses"/> above <paramref name="above"/> and at most
    /// <paramref name="atMost"/> (all by default).
    /// </summary>
    public static double OfLoss(ReadOnlySpan<double> losses, double loss, double above = double.NegativeInfinity,
        double atMost = double.PositiveInfinity)
    {
        if (double.IsNaN(loss))
        {
            return double.NaN;
        }

        int n = 0, larger = 0, equal = 0;
        ulong values = 0;
        foreach (var v in losses)
        {
            if (v > above && v <= atMost)
            {
                n++;
                larger += v > loss ? 1 : 0;
                equal += v == loss ? 1 : 0;
                values += Bits(-v);
            }
        }

        return FromRank(larger, equal, n, -loss, values);
    }

    /// <summary>
    /// U in (0, 1) (53 bits, the midpoint of its cell): SplitMix64's first output seeded with the bits of
    /// <paramref name="x"/> (−0 read as 0), n and k, mixed with <paramref name="values"/>, the wrapping sum of the
    /// sample's values' bits (the same for the same values in any order).
    /// </summary>
    public static double Uniform(double x, int n, int below, ulong values)
    {
        var seed = Bits(x) ^ ((ulong)(uint)n << 32 | (uint)below) * 0xD1B54A32D192ED03UL ^ values * 0x9E3779B97F4A7C15UL;
        return ((new SplitMix64(seed).NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    // (k + U·(j + 1))/(n + 1): in (0, 1) for 0 ≤ k, k + j ≤ n.
    private static double FromRank(int below, int equal, int n, double x, ulong values) =>
        Math.Min((below + Uniform(x, n, below, values) * (equal + 1)) / (n + 1.0), BelowOne);

    private static ulong Bits(double v) => (ulong)BitConverter.DoubleToInt64Bits(v + 0.0);
}
