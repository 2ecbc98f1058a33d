namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The stationary bootstrap's resample of days (Politis and Romano 1994): a first day uniform, then each next day the one
/// after the last (circularly) or, with probability 1/b, a new uniform day, so blocks have a geometric length of mean b.
/// It keeps a day with the days after it, where the i.i.d. bootstrap of days breaks every serial dependence. Used by
/// <see cref="ModelConfidenceSet"/> and <see cref="EsrInterceptBacktest"/>; one <see cref="SplitMix64"/> stream per test.
/// </summary>
internal static class StationaryBootstrap
{
    /// <summary>The default mean block length ⌊√T⌋ (at least 1).</summary>
    public static int DefaultBlockLength(int days) => Math.Max(1, (int)Math.Floor(Math.Sqrt(days)));

    /// <summary>Fills <paramref name="days"/> with one resample's days out of <c>days.Length</c>, mean block length
    /// <paramref name="blockLength"/> (one index, then per further day one uniform and, on a restart, one index).</summary>
    public static void Resample(ref SplitMix64 rng, Span<int> days, int blockLength)
    {
        var n = days.Length;
        var restart = 1.0 / blockLength;
        var t = rng.NextIndex(n);
        for (var s = 0; s < n; s++)
        {
            if (s > 0)
            {
                t = rng.NextDouble() < restart ? rng.NextIndex(n) : (t + 1) % n;
            }

            days[s] = t;
        }
    }
}
