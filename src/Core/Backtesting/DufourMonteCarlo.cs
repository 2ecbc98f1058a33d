namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Finite-sample p-values of hit-sequence tests by Monte Carlo under their null, i.i.d.
/// Bernoulli(1 − α) hits, with Dufour's (2006) tie-breaking so that a discrete statistic (Kupiec's
/// takes a few dozen values) still gives a test of exact size.
/// </summary>
/// <remarks>
/// <para><b>Method.</b> N replicate hit sequences of the observed length are drawn under H0 and the
/// statistic S_i computed on each. With uniforms U_0, U_i breaking ties,
/// <c>p = (1 + #{i: S_i &gt; S_0 or (S_i = S_0 and U_i ≥ U_0)}) / (N + 1)</c>, which is exactly
/// uniform on {1/(N+1), …, 1} under H0 (Dufour 2006, "Monte Carlo tests with nuisance parameters",
/// J. of Econometrics 133), so rejecting when p ≤ 5% has size 5% whatever T and α.</para>
/// <para><b>Undefined replicates.</b> A test undefined on some samples (the duration test with fewer
/// than two exceptions) is tested conditionally on being defined: replicates whose statistic is NaN
/// are redrawn (at most <see cref="MaxDrawsPerReplicate"/>·N draws), which is the null law of the
/// statistic given that the observed one is defined. Fewer than <see cref="MinReplications"/> defined
/// replicates leave the p-value NaN.</para>
/// <para><b>Determinism.</b> The replicates come from a SplitMix64 stream seeded by the test's name
/// (FNV-1a, not the per-process string hash), and the observed sample's tie-breaking uniform U_0 is a
/// hash of its data (the bits of every loss and VaR), so the same data give the same p-value on every
/// run, machine and silo, while different samples get independent-looking U_0 as the exact size
/// needs. (Samples whose data are bit-identical necessarily share a p-value: a deterministic test
/// cannot randomise between them.) A statistic that depends on the hits and α alone has the same null sample for
/// every series of the same length and level: those are kept in a small cache, so a benchmark's
/// hundreds of pairs of one length simulate once. <see cref="DataPValue"/> seeds its stream by the test and the data, and
/// a law-based p-value may (<see cref="SeriesLawPValue"/>'s <c>streamOfData</c>, as the three ESR tests do), so that series
/// with the same VaR or laws do not all share one set of replicates.</para>
/// </remarks>
public static class DufourMonteCarlo
{
    /// <summary>Replicates N of a statistic simulated per series (Monte Carlo error of p ≈ √(p(1−p)/N), ±0.007 at p = 0.05).</summary>
    public const int DefaultReplications = 999;

    /// <summary>
    /// Replicates N of a cached null sample (<see cref="HitPValue"/>): more, because every series of
    /// one length and level shares that sample, so its error is common to all of them rather than
    /// averaging out (±0.003 at p = 0.05), and it is simulated once.
    /// </summary>
    public const int CachedReplications = 4999;

    /// <summary>Fewest defined replicates for a p-value.</summary>
    public const int MinReplications = 99;

    /// <summary>Draws allowed per replicate wanted, for statistics undefined on some samples.</summary>
    public const int MaxDrawsPerReplicate = 20;

    private const int CacheLimit = 512;
    private static readonly Lock CacheLock = new();
    // Each entry is drawn once: pairs backtested at the same time (the CLI's workers, a silo's grains) wait for the
    // first to draw it rather than each drawing the same sample.
    private static readonly Dictionary<(string, int, double, int), Lazy<NullSample>> Cache = [];

    /// <summary>
    /// The Monte Carlo p-value of <paramref name="observed"/> (NaN when it is NaN) for a statistic of
    /// the hits and α alone (cached by test, length and level); null when the data's options turn
    /// Monte Carlo p-values off.
    /// </summary>
    /// <param name="test">The catalogue name: it seeds the stream and keys the cache, so it must name one statistic.</param>
    public static PValue? HitPValue(string test, BacktestData data, double observed, Func<bool[], double> statistic,
        int replications = CachedReplications) =>
        CachedPValue(test, data, observed, replications,
            () => Simulate(SeedOf(test), data.Count, data.ExpectedRate, statistic, replications));

    /// <summary>
    /// The Monte Carlo p-value of <paramref name="observed"/> (NaN when it is NaN) for a statistic of the PITs
    /// and α alone, under their null: i.i.d. uniform PITs (cached by test, length and level, like
    /// <see cref="HitPValue"/>); null when the data's options turn Monte Carlo p-values off.
    /// </summary>
    /// <remarks>
    /// 999 replicates by default, not <see cref="CachedReplications"/>: a PIT statistic reads T uniforms per replicate
    /// (not T bits), and a grid pair recomputes its battery with a new length every day.
    /// </remarks>
    public static PValue? PitPValue(string test, BacktestData data, double observed, Func<double[], double> statistic,
        int replications = DefaultReplications) =>
        CachedPValue(test, data, observed, replications,
            () => SimulateUniform(test, data.Count, statistic, replications));

    /// <summary>The p-value of <paramref name="observed"/> in a null sample cached by test, length, level and replicates
    /// (<paramref name="simulate"/> draws it on a miss); null when Monte Carlo p-values are off, NaN when undefined.</summary>
    private static PValue? CachedPValue(string test, BacktestData data, double observed, int replications, Func<NullSample> simulate)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Options.MonteCarlo)
        {
            return null;
        }

        if (double.IsNaN(observed) || data.Count == 0)
        {
            return new PValue(PValueMethods.MonteCarlo, double.NaN);
        }

        var key = (test, data.Count, data.ExpectedRate, replications);
        Lazy<NullSample>? sample;
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(key, out sample))
            {
                if (Cache.Count >= CacheLimit)
                {
                    Cache.Clear();
                }

                sample = new Lazy<NullSample>(simulate, LazyThreadSafetyMode.ExecutionAndPublication);
                Cache[key] = sample;
            }
        }

        return new PValue(PValueMethods.MonteCarlo, sample.Value.PValue(observed, TieBreakOf(data)));
    }

    /// <summary>
    /// The Monte Carlo p-value of <paramref name="observed"/> for a statistic that also reads the
    /// series (e.g. the VaR as a regressor): simulated afresh, the hits redrawn and everything else held.
    /// </summary>
    /// <remarks>The stream is seeded by the test and the data (since 2026-12-03; before, by the name alone), so that series
    /// with the same VaR — every sample of BacktestBench's i.i.d. null — are not all ranked against one set of replicates,
    /// whose own 95th percentile is random: the <c>dq</c> mc rejected 7.1% there at T = 500, p = 5% (1,000 samples a cell)
    /// and 7.0% with another bench seed (2,000 samples).</remarks>
    public static PValue? DataPValue(string test, BacktestData data, double observed, Func<bool[], double> statistic,
        int replications = DefaultReplications)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Options.MonteCarlo)
        {
            return null;
        }

        if (double.IsNaN(observed) || data.Count == 0)
        {
            return new PValue(PValueMethods.MonteCarlo, double.NaN);
        }

        return new PValue(PValueMethods.MonteCarlo,
            Simulate(SeedOf(test) ^ HashOf(data), data.Count, data.ExpectedRate, statistic, replications).PValue(observed, TieBreakOf(data)));
    }

    /// <summary>
    /// The Monte Carlo p-value of <paramref name="observed"/> for a statistic of the losses on the exception days, drawn
    /// from the forecasts' own predictive laws given those days (Acerbi–Székely's "simulate from the model", conditional
    /// on the exceptions): null without laws (<see cref="BacktestData.HasLaw"/>) or with Monte Carlo off; NaN when the
    /// observed statistic is.
    /// </summary>
    /// <remarks>
    /// Under H0 the loss on an exception day t follows day t's law beyond its VaR: L*_t = Q_t(p), p uniform on (0, 1 − α]
    /// (Q_t the law's <see cref="BacktestData.TailQuantile"/>). Each replicate draws the n exception days' losses so, in day
    /// order, and <paramref name="statistic"/> reads them (it knows the days' VaR, ES and σ); the p-value is Dufour's, so
    /// the test has exact size given the exception days, hence unconditionally, whatever the number of exceptions or the
    /// tail's shape. The stream is seeded by the test's name (a stream of its own, apart from the test's bootstrap) and
    /// U_0 by the data, as for the other Monte Carlo p-values: the same data and laws give the same p-value.
    /// </remarks>
    public static PValue? ExceedanceLawPValue(string test, BacktestData data, double observed, Func<double[], double> statistic,
        int replications = DefaultReplications)
    {
        ArgumentNullException.ThrowIfNull(data);
        var days = new int[data.Exceptions];
        for (int t = 0, j = 0; t < data.Count; t++)
        {
            if (data.Hits[t])
            {
                days[j++] = t;
            }
        }

        return LawPValue(test, data, observed, days, data.ExpectedRate, statistic, replications);
    }

    /// <summary>
    /// The Monte Carlo p-value of <paramref name="observed"/> for a statistic of the whole loss series, drawn from the
    /// forecasts' predictive laws (L*_t = Q_t(p_t), p_t uniform on (0, 1), every day): null without laws or with Monte
    /// Carlo off, NaN when the observed statistic is; Dufour's p-value as in <see cref="ExceedanceLawPValue"/>.
    /// </summary>
    /// <param name="streamOfData">When true, the replicates' stream is seeded by the test's name and the data (the hash
    /// <see cref="TieBreakOf"/> reads), not the name alone: series with the same laws then get their own replicate sets,
    /// so a size measured over many such series is the unconditional one (with the name alone they would all be ranked
    /// against one set of N replicates, whose 95th percentile is itself random: ±1.5 points of size at N = 199).</param>
    public static PValue? SeriesLawPValue(string test, BacktestData data, double observed, Func<double[], double> statistic,
        int replications = DefaultReplications, bool streamOfData = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LawPValue(test, data, observed, [.. Enumerable.Range(0, data.Count)], 1.0, statistic, replications, streamOfData);
    }

    /// <summary>
    /// <see cref="SeriesLawPValue"/> for a statistic that also reads the replicate's forecasts: where the laws carry a forecast
    /// map (<see cref="BacktestData.HasForecastMap"/>) each replicate is a path drawn day by day through it
    /// (<see cref="BacktestData.DrawPath"/>: a large drawn loss raises the forecasts after it, as the model's would), and
    /// <paramref name="statistic"/> reads the losses and the days' scale ratios σ*_t/σ_t (to rescale the forecasts with
    /// <see cref="BacktestData.Rescale"/>); without a map every ratio is 1 and the replicates are
    /// <see cref="SeriesLawPValue"/>'s, bit for bit (the same stream, the same draws).
    /// </summary>
    public static PValue? SeriesPathPValue(string test, BacktestData data, double observed, Func<double[], double[], double> statistic,
        int replications = DefaultReplications, bool streamOfData = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(statistic);
        if (!data.HasForecastMap)
        {
            var ones = new double[data.Count];
            Array.Fill(ones, 1.0);
            return SeriesLawPValue(test, data, observed, losses => statistic(losses, ones), replications, streamOfData);
        }

        if (!data.Options.MonteCarlo)
        {
            return null;
        }

        if (double.IsNaN(observed))
        {
            return new PValue(PValueMethods.MonteCarlo, double.NaN);
        }

        var scales = new double[data.Count];
        return Replicate(test, data, observed, data.Count, replications, streamOfData, (rng, draw) =>
        {
            data.DrawPath(rng, draw, scales);
            return statistic(draw, scales);
        });
    }

    // Replicates of a statistic of the given days' losses drawn from their laws beyond probability `tail` (L*_t = Q_t(p),
    // p uniform on (0, tail]; tail 1: the whole law); NaN replicates are redrawn. Null without laws or Monte Carlo, NaN
    // when the observed statistic is or there are no days.
    private static PValue? LawPValue(string test, BacktestData data, double observed, int[] days, double tail,
        Func<double[], double> statistic, int replications, bool streamOfData = false)
    {
        if (!data.Options.MonteCarlo || !data.HasLaw)
        {
            return null;
        }

        if (double.IsNaN(observed) || days.Length == 0)
        {
            return new PValue(PValueMethods.MonteCarlo, double.NaN);
        }

        return Replicate(test, data, observed, days.Length, replications, streamOfData, (rng, draw) =>
        {
            for (var j = 0; j < days.Length; j++)
            {
                // p in (0, tail]: 1 − NextDouble() is in (0, 1]. The whole law (tail 1) draws as the laws do it, by
                // inversion unless they have a faster way.
                draw[j] = tail == 1 ? data.DrawLoss(days[j], rng) : data.TailQuantile(days[j], tail * (1 - rng.NextDouble()));
            }

            return statistic(draw);
        });
    }

    // Dufour's p-value of `observed` among replicates of `replicate` (which fills its draw of `size` losses from the
    // stream and returns the statistic); NaN replicates are redrawn.
    private static PValue Replicate(string test, BacktestData data, double observed, int size, int replications, bool streamOfData,
        Func<Random, double[], double> replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replications);
        var rng = new SplitMixRandom(SeedOf(test + ":law") ^ (streamOfData ? HashOf(data) : 0));
        var statistics = new List<double>(replications);
        var uniforms = new List<double>(replications);
        var draw = new double[size];
        for (var i = 0; i < MaxDrawsPerReplicate * replications && statistics.Count < replications; i++)
        {
            var s = replicate(rng, draw);
            var u = rng.NextDouble();
            if (!double.IsNaN(s))
            {
                statistics.Add(s);
                uniforms.Add(u);
            }
        }

        return new PValue(PValueMethods.MonteCarlo, new NullSample([.. statistics], [.. uniforms]).PValue(observed, TieBreakOf(data)));
    }

    /// <summary>The seed of a test's stream: FNV-1a of its name.</summary>
    internal static ulong SeedOf(string test)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in test)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>U_0 of a sample: uniform on [0, 1) from the FNV-1a hash of its losses' and VaRs' bits, SplitMix64-finalised.</summary>
    internal static double TieBreakOf(BacktestData data) => new SplitMix64(HashOf(data)).NextDouble();

    // FNV-1a over the bits of every loss and VaR.
    private static ulong HashOf(BacktestData data)
    {
        var hash = 14695981039346656037UL;
        foreach (var series in (double[][])[data.Losses.ToArray(), data.ValueAtRisk.ToArray()])
        {
            foreach (var x in series)
            {
                hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211UL;
            }
        }

        return hash;
    }

    private static NullSample Simulate(ulong seed, int length, double rate, Func<bool[], double> statistic, int replications)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replications);
        var rng = new SplitMix64(seed);
        var statistics = new List<double>(replications);
        var uniforms = new List<double>(replications);
        var hits = new bool[length];
        for (var draw = 0; draw < MaxDrawsPerReplicate * replications && statistics.Count < replications; draw++)
        {
            for (var t = 0; t < length; t++)
            {
                hits[t] = rng.NextDouble() < rate;
            }

            var s = statistic(hits);
            var u = rng.NextDouble();
            if (!double.IsNaN(s))
            {
                statistics.Add(s);
                uniforms.Add(u);
            }
        }

        return new NullSample([.. statistics], [.. uniforms]);
    }

    private static NullSample SimulateUniform(string test, int length, Func<double[], double> statistic, int replications)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replications);
        var rng = new SplitMix64(SeedOf(test));
        var statistics = new List<double>(replications);
        var uniforms = new List<double>(replications);
        var sample = new double[length];
        for (var draw = 0; draw < MaxDrawsPerReplicate * replications && statistics.Count < replications; draw++)
        {
            for (var t = 0; t < length; t++)
            {
                sample[t] = rng.NextDouble();
            }

            var s = statistic(sample);
            var u = rng.NextDouble();
            if (!double.IsNaN(s))
            {
                statistics.Add(s);
                uniforms.Add(u);
            }
        }

        return new NullSample([.. statistics], [.. uniforms]);
    }

    private sealed class NullSample(double[] statistics, double[] uniforms)
    {
        public double PValue(double observed, double tieBreak)
        {
            if (statistics.Length < MinReplications)
            {
                return double.NaN;
            }

            var atLeast = 0;
            for (var i = 0; i < statistics.Length; i++)
            {
                if (statistics[i] > observed || (statistics[i] == observed && uniforms[i] >= tieBreak))
                {
                    atLeast++;
                }
            }

            return (1.0 + atLeast) / (statistics.Length + 1.0);
        }
    }
}
