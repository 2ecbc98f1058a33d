using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// A forecast's predictive law of the next day's return as a location-scale law, R = μ + σ·Z, with Z a
/// unit-variance innovation of <see cref="VolatilityParts.Distributions"/> named by its key (<c>n</c>, <c>t</c>,
/// <c>skewt</c>, <c>ged</c>) and its shape parameters: a few numbers per day, so that a forecast record can carry
/// it (across the grid too) and the backtests can simulate from the model (<see cref="Backtesting.BacktestData"/>'s
/// tail quantiles). The VaR and ES of the forecast are this law's: VaR_α = −μ + σ·q_α(Z), ES_α = −μ + σ·ES_α(Z).
/// </summary>
/// <param name="Distribution">The innovation's key in <see cref="VolatilityParts.Distributions"/>.</param>
/// <param name="Location">μ, the forecast mean return (percent).</param>
/// <param name="Scale">σ, the forecast standard deviation (percent), positive.</param>
/// <param name="Shape">The innovation's parameters (none for the normal; ν for the t; …).</param>
public sealed record PredictiveLaw(string Distribution, double Location, double Scale, double[] Shape)
{
    private static readonly Dictionary<string, InnovationDistribution> Innovations =
        VolatilityParts.Distributions.ToDictionary(d => d.Key, d => d.Create(), StringComparer.Ordinal);

    private readonly InnovationDistribution _innovation = Find(Distribution);

    /// <summary>The law of the normal with mean <paramref name="location"/> and standard deviation <paramref name="scale"/>.</summary>
    public static PredictiveLaw Normal(double location, double scale) => new(NormalKey, location, scale, []);

    /// <summary>The key of the normal innovation.</summary>
    public const string NormalKey = "n";

    /// <summary>The key of the unit-variance Student-t innovation (shape: ν).</summary>
    public const string StudentTKey = "t";

    /// <summary>The key of <paramref name="innovation"/>'s kind in <see cref="VolatilityParts.Distributions"/>.</summary>
    public static string KeyOf(InnovationDistribution innovation)
    {
        ArgumentNullException.ThrowIfNull(innovation);
        foreach (var (key, known) in Innovations)
        {
            if (known.GetType() == innovation.GetType())
            {
                return key;
            }
        }

        throw new ArgumentException($"innovation {innovation.Name} is not one of {string.Join(", ", Innovations.Keys)}", nameof(innovation));
    }

    /// <summary>Location, scale and shape in one array, as the grid's messages and surrogates carry them.</summary>
    public double[] Parameters => [Location, Scale, .. Shape];

    /// <summary>The law of <paramref name="distribution"/> with <see cref="Parameters"/> <paramref name="parameters"/>; null
    /// when either is null (a record without a law).</summary>
    public static PredictiveLaw? FromParameters(string? distribution, double[]? parameters) =>
        distribution is not null && parameters is [var location, var scale, .. var shape]
            ? new PredictiveLaw(distribution, location, scale, shape)
            : null;

    /// <summary>True when the law is usable: finite location, positive finite scale, finite shape of the innovation's size.</summary>
    public bool IsUsable => double.IsFinite(Location) && Scale > 0 && double.IsFinite(Scale)
        && Shape.Length == _innovation.ParameterCount && Array.TrueForAll(Shape, double.IsFinite);

    /// <summary>This law when <see cref="IsUsable"/>, else null.</summary>
    public PredictiveLaw? IfUsable => IsUsable ? this : null;

    /// <summary>
    /// The loss L = −R exceeded with probability <paramref name="p"/> in (0, 1): −μ + σ·(the unit-variance innovation's
    /// loss VaR at level 1 − p), so that <c>LossQuantile(1 − α)</c> is the forecast's VaR_α.
    /// </summary>
    public double LossQuantile(double p) => -Location + Scale * _innovation.Quantile(1 - p, Shape);

    /// <summary>The density of the loss L = −R at <paramref name="loss"/>.</summary>
    public double LossDensity(double loss) => Math.Exp(_innovation.LogDensity((-loss - Location) / Scale, Shape)) / Scale;

    /// <summary>One draw of the loss L = −R = −μ − σ·Z, Z by the innovation's sampler.</summary>
    public double DrawLoss(Random random) => -Location - Scale * _innovation.Sample(random, Shape);

    /// <summary>P(R ≤ r), the PIT of a realised return.</summary>
    public double Cdf(double r) => _innovation.Cdf((r - Location) / Scale, Shape);

    // Value equality over the shape too (a record compares arrays by reference); doubles with Equals, so a round trip
    // can be checked bit for bit.
    public bool Equals(PredictiveLaw? other) =>
        other is not null && Distribution == other.Distribution && Location.Equals(other.Location) && Scale.Equals(other.Scale)
        && Shape.AsSpan().SequenceEqual(other.Shape);

    public override int GetHashCode() => HashCode.Combine(Distribution, Location, Scale, Shape.Length);

    private static InnovationDistribution Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Innovations.TryGetValue(key, out var innovation) ? innovation
            : throw new ArgumentException($"unknown innovation '{key}'; known: {string.Join(", ", Innovations.Keys)}", nameof(key));
    }
}
