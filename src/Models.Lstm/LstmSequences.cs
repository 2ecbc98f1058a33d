using RiskGrid.Core.Features;
using RiskGrid.Core.Models;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// Training examples cut from one window: for each return r_{i} whose origin day (the bar before it)
/// has <see cref="LstmArchitecture.SequenceLength"/> complete feature rows ending there, the standardised
/// rows as one input sequence and the loss −r_i/scale as the target. Days in a feature's warm-up are skipped.
/// </summary>
internal sealed class LstmSequences
{
    private LstmSequences(float[] inputs, float[] targets, int count, int sequenceLength, int features)
    {
        Inputs = inputs;
        Targets = targets;
        Count = count;
        SequenceLength = sequenceLength;
        Features = features;
    }

    /// <summary>(count, sequence, feature) row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>Scaled losses, one per sequence.</summary>
    public float[] Targets { get; }

    public int Count { get; }

    public int SequenceLength { get; }

    public int Features { get; }

    public long[] Shape => [Count, SequenceLength, Features];

    /// <summary>
    /// Origin bars (indices into <paramref name="rows"/>) usable as sequence ends: the last
    /// <paramref name="sequenceLength"/> rows up to each are complete. <paramref name="firstOrigin"/>
    /// and <paramref name="lastOrigin"/> bound the candidates.
    /// </summary>
    public static List<int> UsableOrigins(double[][] rows, int sequenceLength, int firstOrigin, int lastOrigin)
    {
        var origins = new List<int>();
        var completeRun = 0;
        for (var b = 0; b <= lastOrigin; b++)
        {
            completeRun = MarketFeatures.IsComplete(rows[b]) ? completeRun + 1 : 0;
            if (b >= firstOrigin && completeRun >= sequenceLength)
            {
                origins.Add(b);
            }
        }

        return origins;
    }

    /// <summary>Sequences ending at <paramref name="origins"/> with their targets (null targets: prediction).</summary>
    public static LstmSequences Build(double[][] rows, IReadOnlyList<int> origins, int sequenceLength,
        FeatureScaler scaler, Func<int, double>? lossAtOrigin, double targetScale)
    {
        var features = scaler.Count;
        var inputs = new float[origins.Count * sequenceLength * features];
        var targets = new float[origins.Count];
        for (var n = 0; n < origins.Count; n++)
        {
            var origin = origins[n];
            for (var s = 0; s < sequenceLength; s++)
            {
                var row = rows[origin - sequenceLength + 1 + s];
                scaler.Apply(row, inputs.AsSpan(((n * sequenceLength) + s) * features, features));
            }

            targets[n] = lossAtOrigin is null ? 0f : (float)(lossAtOrigin(origin) / targetScale);
        }

        return new LstmSequences(inputs, targets, origins.Count, sequenceLength, features);
    }
}
