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

    /// <summary>
    /// The automatic mean block length of Politis and White (2004) for the stationary bootstrap of the mean of
    /// <paramref name="x"/>, with the correction of Patton, Politis and White (2009): b = (2Ĝ²/D̂)^{1/3} n^{1/3},
    /// Ĝ = Σ_{|k|≤M} λ(k/M)|k|γ̂(k), D̂ = 2ĝ(0)², ĝ(0) = Σ_{|k|≤M} λ(k/M)γ̂(k), λ the flat-top window (1 to ½, then
    /// 2(1 − |t|) to 1), γ̂(k) = (1/n) Σ_{t&gt;k} (x_t − x̄)(x_{t−k} − x̄). M = min(2m̂, m_max), m̂ the first lag m ≥ 1
    /// from which K_N = max(5, ⌈√log₁₀ n⌉) autocorrelations in a row, ρ̂(m), …, ρ̂(m + K_N − 1) with ρ̂(k) = γ̂(k)/γ̂(0),
    /// lie within ±2√(log₁₀ n / n) (M = m_max where no lag qualifies), m_max = min(⌈√n⌉ + K_N, n − 1); b at most
    /// ⌈min(3√n, n/3)⌉. This is the choice of Patton's MATLAB code and of Python arch's
    /// <c>optimal_block_length</c> (column <c>stationary</c>), whose m̂ is the first lag of the run of insignificant ones (the
    /// paper's is the lag before it); arch normalises ρ̂(k) by the two partial sums of squares instead of γ̂(0), so its m̂ may
    /// differ where a correlation lies at the band's edge. Not rounded; at least 1, and 1 for fewer than two values or
    /// all equal. Throws on a value that is not finite.
    /// </summary>
    public static double PolitisWhiteBlockLength(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var (mean, spread) = (0.0, false);
        foreach (var v in x)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("every value must be finite", nameof(x));
            }

            (mean, spread) = (mean + v, spread || v != x[0]);
        }

        mean /= Math.Max(n, 1);
        var kn = Math.Max(5, (int)Math.Ceiling(Math.Sqrt(Math.Log10(Math.Max(n, 1)))));
        var maxLag = Math.Min((int)Math.Ceiling(Math.Sqrt(n)) + kn, n - 1);
        if (maxLag < 1 || !spread)
        {
            return 1;
        }

        var gamma = new double[maxLag + 1];
        for (var k = 0; k <= maxLag; k++)
        {
            gamma[k] = SampleAutocovariance.At(x, mean, k);
        }

        if (!(gamma[0] > 0))
        {
            return 1;
        }

        var band = 2 * Math.Sqrt(Math.Log10(n) / n);
        var lags = maxLag;
        for (var m = 1; m + kn - 1 <= maxLag; m++)
        {
            var run = 0;
            while (run < kn && Math.Abs(gamma[m + run] / gamma[0]) < band)
            {
                run++;
            }

            if (run == kn)
            {
                lags = Math.Min(2 * m, maxLag);
                break;
            }
        }

        // Both sums are symmetric in k, so each lag k ≥ 1 counts twice.
        double g = 0, g0 = gamma[0];
        for (var k = 1; k <= lags; k++)
        {
            var u = (double)k / lags;
            var window = u <= 0.5 ? 1 : 2 * (1 - u);
            g += 2 * window * k * gamma[k];
            g0 += 2 * window * gamma[k];
        }

        var b = Math.Cbrt(2 * g * g / (2 * g0 * g0) * n);
        var cap = Math.Ceiling(Math.Min(3 * Math.Sqrt(n), n / 3.0));
        return double.IsNaN(b) ? 1 : Math.Max(1, Math.Min(b, cap));
    }

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
