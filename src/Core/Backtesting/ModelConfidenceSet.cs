namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The Model Confidence Set (Hansen, Lunde &amp; Nason 2011) of models compared on the same days by a loss:
/// the models that contain the best one with probability 1 − size. Each model's MCS p-value is the
/// smallest size at which it is left out; it is in the set at size s when its p-value exceeds s
/// (10% and 25% are the usual sizes).
/// </summary>
/// <remarks>
/// <para>The range statistic T_R as arch's <c>MCS(method="R")</c> computes it: with d̄_ij = L̄_i − L̄_j and
/// its variance v_ij estimated from B stationary-bootstrap (Politis–Romano 1994) resamples of the days
/// (mean block length b, default ⌊√T⌋, which keeps the losses' serial dependence),
/// <c>T_R = max_{i,j ∈ M} d̄_ij / √v_ij</c>, its null law from the recentred resamples
/// max_{i,j ∈ M} (d̄*_ij − d̄_ij)/√v_ij, and p = #{T* &gt; T_R}/B. The model i of the maximising pair is
/// eliminated and the step repeats on the rest; the p-values are made monotone (each eliminated model gets
/// the largest p-value so far) and the last model gets 1.</para>
/// <para>Choose b for the losses' dependence: with a long block on a short sample (b = 20 for T = 400) the
/// bootstrap variance is noisy and the range test is liberal (about 20% rejections at a nominal 10% for
/// three equally good models in RiskGrid's simulation, as in a numpy version of arch's algorithm; 8–12%
/// with b = 3–5).</para>
/// <para>The same B resamples serve every step. The indices come from a SplitMix64 stream with a fixed seed,
/// so the same losses give the same set on every run (not arch's numbers digit for digit: its generator
/// differs, its method is this one).</para>
/// </remarks>
/// <param name="Models">The models, in input order.</param>
/// <param name="PValues">Each model's MCS p-value, indexed like <see cref="Models"/>.</param>
/// <param name="Eliminated">The models in the order they left the set (the survivor last).</param>
/// <param name="BlockLength">Mean block length b of the stationary bootstrap.</param>
/// <param name="Replications">Bootstrap resamples B.</param>
public sealed record ModelConfidenceSet(IReadOnlyList<string> Models, IReadOnlyList<double> PValues, IReadOnlyList<string> Eliminated,
    int BlockLength, int Replications)
{
    public const int DefaultReplications = 1000;

    public const ulong DefaultSeed = 0x4D43_5320_2011UL;

    /// <summary>The MCS p-value of <paramref name="model"/>.</summary>
    public double PValueOf(string model) => PValues[IndexOf(model)];

    /// <summary>True when <paramref name="model"/> is in the set at <paramref name="size"/> (e.g. 0.10): its p-value exceeds the size.</summary>
    public bool Includes(string model, double size) => PValueOf(model) > size;

    /// <summary>The models in the set at <paramref name="size"/>, in input order.</summary>
    public IReadOnlyList<string> At(double size) => [.. Models.Where((_, i) => PValues[i] > size)];

    /// <summary>
    /// The MCS of models given by name and their losses on the same days (every array as long as the first).
    /// </summary>
    /// <param name="blockLength">Mean block length; default ⌊√T⌋ (at least 1).</param>
    public static ModelConfidenceSet Compute(IReadOnlyList<(string Model, double[] Losses)> models, int? blockLength = null,
        int replications = DefaultReplications, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replications);
        var k = models.Count;
        var days = k > 0 ? models[0].Losses.Length : 0;
        foreach (var (model, losses) in models)
        {
            if (losses.Length != days)
            {
                throw new ArgumentException($"model {model} has {losses.Length} losses, the first model {days}", nameof(models));
            }
        }

        var block = blockLength ?? StationaryBootstrap.DefaultBlockLength(days);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block, nameof(blockLength));
        var names = models.Select(m => m.Model).ToArray();
        if (k < 2 || days < 2)
        {
            return new ModelConfidenceSet(names, [.. Enumerable.Repeat(1.0, k)], names, block, replications);
        }

        // Bootstrap means of every model's losses, one resample of days per replicate.
        var mean = models.Select(m => m.Losses.Average()).ToArray();
        var boot = new double[replications, k];
        var rng = new SplitMix64(seed);
        var resample = new int[days];
        for (var b = 0; b < replications; b++)
        {
            StationaryBootstrap.Resample(ref rng, resample, block);
            foreach (var t in resample)
            {
                for (var i = 0; i < k; i++)
                {
                    boot[b, i] += models[i].Losses[t];
                }
            }

            for (var i = 0; i < k; i++)
            {
                boot[b, i] /= days;
            }
        }

        // v_ij = mean over resamples of (d*_ij − d_ij)²; the diagonal is never used (i ≠ j).
        var sd = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var v = 0.0;
                for (var b = 0; b < replications; b++)
                {
                    var e = boot[b, i] - boot[b, j] - (mean[i] - mean[j]);
                    v += e * e;
                }

                sd[i, j] = i == j ? 1 : Math.Sqrt(v / replications);
            }
        }

        var included = Enumerable.Range(0, k).ToList();
        var pValues = new double[k];
        var order = new List<string>(k);
        var running = 0.0;
        while (included.Count > 1)
        {
            double statistic = double.NegativeInfinity;
            var worst = -1;
            foreach (var i in included)
            {
                foreach (var j in included)
                {
                    if (i != j && sd[i, j] > 0 && (mean[i] - mean[j]) / sd[i, j] > statistic)
                    {
                        statistic = (mean[i] - mean[j]) / sd[i, j];
                        worst = i;
                    }
                }
            }

            if (worst < 0)
            {
                break; // identical losses: nothing tells the rest apart
            }

            var above = 0;
            for (var b = 0; b < replications; b++)
            {
                var max = double.NegativeInfinity;
                foreach (var i in included)
                {
                    foreach (var j in included)
                    {
                        if (i != j && sd[i, j] > 0)
                        {
                            max = Math.Max(max, (boot[b, i] - boot[b, j] - (mean[i] - mean[j])) / sd[i, j]);
                        }
                    }
                }

                above += max > statistic ? 1 : 0;
            }

            running = Math.Max(running, (double)above / replications);
            pValues[worst] = running;
            order.Add(names[worst]);
            included.Remove(worst);
        }

        foreach (var i in included)
        {
            pValues[i] = 1;
            order.Add(names[i]);
        }

        return new ModelConfidenceSet(names, pValues, order, block, replications);
    }

    private int IndexOf(string model)
    {
        for (var i = 0; i < Models.Count; i++)
        {
            if (Models[i] == model)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"model '{model}' is not in the comparison; known: {string.Join(", ", Models)}");
    }
}
