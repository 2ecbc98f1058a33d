using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// A forecast's predictive law of the next day's return as a location-scale law, R = μ + σ·Z, with Z a
/// unit-variance innovation of <see cref="VolatilityParts.Distributions"/> named by its key (<c>n</c>, <c>t</c>,
/// <c>skewt</c>, <c>ged</c>) and its shape parameters: a few numbers per day, so that a forecast record can carry
/// it (across the grid too) and the backtests can simulate from the model (<see cref="Backtesting.BacktestData"/>'s
/// tail quantiles). The VaR and ES of the forecast are this law's: VaR_α = −μ + σ·q_α(Z), ES_α = −μ + σ·ES_α(Z).
/// </summary>
/// <remarks>
/// A law may also name its <b>forecast map</b>: the volatility process (<see cref="Process"/>, a key of
/// <see cref="VolatilityParts.Processes"/>) and that day's process parameters θ_t (<see cref="ProcessParameters"/>) whose
/// recursion made σ, so that a simulation can recompute σ from a replicate's returns instead of holding it
/// (<see cref="Backtesting.PredictiveLawSeries.DrawPath"/>). Without a process (the default) the law is a fixed
/// location-scale law of the day, as before.
/// </remarks>
/// <param name="Distribution">The innovation's key in <see cref="VolatilityParts.Distributions"/>.</param>
/// <param name="Location">μ, the forecast mean return (percent).</param>
/// <param name="Scale">σ, the forecast standard deviation (percent), positive.</param>
/// <param name="Shape">The innovation's parameters (none for the normal; ν for the t; …).</param>
public sealed record PredictiveLaw(string Distribution, double Location, double Scale, double[] Shape)
{
    private static readonly Dictionary<string, InnovationDistribution> Innovations =
        VolatilityParts.Distributions.ToDictionary(d => d.Key, d => d.Create(), StringComparer.Ordinal);

    private static readonly Dictionary<string, VolatilityProcess> Processes =
        VolatilityParts.Processes.ToDictionary(p => p.Key, p => p.Create(), StringComparer.Ordinal);

    private readonly InnovationDistribution _innovation = Find(Distribution);

    private VolatilityProcess? _process;

    /// <summary>The key in <see cref="VolatilityParts.Processes"/> of the volatility process whose recursion made
    /// <see cref="Scale"/> (<c>garch</c>, <c>gjr</c>, …), or null for a law without a forecast map.</summary>
    public string? Process
    {
        get;
        init
        {
            _process = value is null ? null
                : Processes.TryGetValue(value, out var process) ? process
                : throw new ArgumentException($"unknown volatility process '{value}'; known: {string.Join(", ", Processes.Keys)}", nameof(Process));
            field = value;
        }
    }

    /// <summary>The process parameters θ_t (the process block of the fit the forecast was made with, e.g. ω, α, γ, β for
    /// <c>gjr</c>); empty without a <see cref="Process"/>.</summary>
    public double[] ProcessParameters { get; init; } = [];

    /// <summary>True when the law names a process whose parameters it carries (a forecast map).</summary>
    public bool HasProcess => _process is not null;

    /// <summary>This law with the forecast map of <paramref name="process"/> (a key of <see cref="VolatilityParts.Processes"/>)
    /// at parameters <paramref name="parameters"/>; this law itself when <paramref name="process"/> is null.</summary>
    public PredictiveLaw WithProcess(string? process, double[]? parameters) =>
        process is null ? this : this with { Process = process, ProcessParameters = parameters ?? [] };

    /// <summary>
    /// The process's next variance at this law's θ_t: σ²_{t+1} from σ²_t = <paramref name="variance"/> and the standardised
    /// residual z_t = <paramref name="standardizedResidual"/> (<see cref="VolatilityProcess.NextVariance"/>); NaN without a
    /// process.
    /// </summary>
    public double NextVariance(double variance, double standardizedResidual) =>
        _process is null ? double.NaN : _process.NextVariance(variance, standardizedResidual, ProcessParameters);

    /// <summary>The key in <see cref="VolatilityParts.Processes"/> of <paramref name="process"/>'s kind (the same type and
    /// parameters, APARCH's fixed δ included), or null when it is none of them.</summary>
    public static string? ProcessKeyOf(VolatilityProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        foreach (var (key, known) in Processes)
        {
            if (known.GetType() == process.GetType() && known.ParameterNames.SequenceEqual(process.ParameterNames)
                && (known as Aparch)?.FixedDelta == (process as Aparch)?.FixedDelta)
            {
                return key;
            }
        }

        return null;
    }

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
    /// <param name="process">The law's <see cref="Process"/>, or null for none.</param>
    /// <param name="processParameters">Its <see cref="ProcessParameters"/>.</param>
    public static PredictiveLaw? FromParameters(string? distribution, double[]? parameters, string? process = null, double[]? processParameters = null) =>
        distribution is not null && parameters is [var location, var scale, .. var shape]
            ? new PredictiveLaw(distribution, location, scale, shape).WithProcess(process, processParameters)
            : null;

    /// <summary>True when the law is usable: finite location, positive finite scale, finite shape of the innovation's size,
    /// and, with a process, finite process parameters of its size.</summary>
    public bool IsUsable => double.IsFinite(Location) && Scale > 0 && double.IsFinite(Scale)
        && Shape.Length == _innovation.ParameterCount && Array.TrueForAll(Shape, double.IsFinite)
        && (_process is null ? ProcessParameters.Length == 0
            : ProcessParameters.Length == _process.ParameterCount && Array.TrueForAll(ProcessParameters, double.IsFinite));

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
    public double DrawLoss(Random random) => -Location - Scale * DrawInnovation(random);

    /// <summary>One draw of the unit-variance innovation Z by its sampler.</summary>
    public double DrawInnovation(Random random) => _innovation.Sample(random, Shape);

    /// <summary>P(R ≤ r), the PIT of a realised return.</summary>
    public double Cdf(double r) => _innovation.Cdf((r - Location) / Scale, Shape);

    // Value equality over the shape and the process too (a record compares arrays by reference); doubles with Equals, so
    // a round trip can be checked bit for bit.
    public bool Equals(PredictiveLaw? other) =>
        other is not null && Distribution == other.Distribution && Location.Equals(other.Location) && Scale.Equals(other.Scale)
        && Shape.AsSpan().SequenceEqual(other.Shape) && Process == other.Process
        && ProcessParameters.AsSpan().SequenceEqual(other.ProcessParameters);

    public override int GetHashCode() => HashCode.Combine(Distribution, Location, Scale, Shape.Length, Process);

    private static InnovationDistribution Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Innovations.TryGetValue(key, out var innovation) ? innovation
            : throw new ArgumentException($"unknown innovation '{key}'; known: {string.Join(", ", Innovations.Keys)}", nameof(key));
    }
}
