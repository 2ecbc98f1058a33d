namespace RiskGrid.Core.Backtesting;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny seeded generator whose output is fixed by its
/// definition, so resampled p-values are bit-identical on every runtime (System.Random's seeded
/// sequence is not promised to stay the same across .NET versions).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on 0..n−1 (n ≥ 1) by the multiply-shift method.</summary>
    public int NextIndex(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
}
