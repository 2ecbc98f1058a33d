using RiskGrid.Core.Models;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// The shape of an <see cref="LstmQuantileNetwork"/>: what must match for saved weights to load.
/// <see cref="Levels"/> are the trained confidence levels, strictly increasing, each in (0.5, 1).
/// </summary>
internal sealed record LstmArchitecture(int Features, int HiddenSize, int Layers, int SequenceLength, double[] Levels)
{
    public int LevelCount => Levels.Length;

    public static LstmArchitecture From(ModelSettings settings, int features)
    {
        if (settings.LstmLayers < 1 || settings.LstmHiddenSize < 1 || settings.LstmSequenceLength < 1)
        {
            throw new ArgumentException(
                $"lstm needs layers, hidden size and sequence length ≥ 1, got {settings.LstmLayers}, " +
                $"{settings.LstmHiddenSize} and {settings.LstmSequenceLength}");
        }

        return new LstmArchitecture(features, settings.LstmHiddenSize, settings.LstmLayers, settings.LstmSequenceLength,
            CheckedLevels(settings.LstmLevels));
    }

    /// <summary>The levels sorted ascending; throws <see cref="ArgumentException"/> for an empty list,
    /// duplicates or a level outside (0.5, 1) (the heads forecast positive losses).</summary>
    public static double[] CheckedLevels(IReadOnlyList<double> levels)
    {
        if (levels.Count == 0)
        {
            throw new ArgumentException("lstm needs at least one trained confidence level");
        }

        var sorted = levels.Order().ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!(sorted[i] > 0.5 && sorted[i] < 1))
            {
                throw new ArgumentException($"lstm trained levels must lie in (0.5, 1), got {sorted[i]}");
            }

            if (i > 0 && sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"lstm trained level {sorted[i]} is listed twice");
            }
        }

        return sorted;
    }

    public bool SameAs(LstmArchitecture other) =>
        Features == other.Features && HiddenSize == other.HiddenSize && Layers == other.Layers &&
        SequenceLength == other.SequenceLength && Levels.AsSpan().SequenceEqual(other.Levels);
}
