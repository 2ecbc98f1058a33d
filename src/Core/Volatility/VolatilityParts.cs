namespace RiskGrid.Core.Volatility;

/// <summary>
/// The volatility processes and innovation distributions by short name, and models composed of them:
/// <c>{process}-{distribution}</c>, e.g. <c>garch-n</c>, <c>gjr-skewt</c>, <c>aparch-ged</c>. Every process
/// combines with every distribution (the parts meet only through the likelihood's contract).
/// </summary>
public static class VolatilityParts
{
    /// <summary>A part by short name, with what it is.</summary>
    public sealed record Part<T>(string Key, string Description, Func<T> Create);

    /// <summary>The processes, in display order.</summary>
    public static IReadOnlyList<Part<VolatilityProcess>> Processes { get; } =
    [
        new("garch", "GARCH(1,1)", () => new Garch()),
        new("gjr", "GJR-GARCH(1,1,1), leverage on negative shocks", () => new GjrGarch()),
        new("egarch", "EGARCH(1,1) (Nelson), log variance", () => new Egarch()),
        new("aparch", "APARCH(1,1) (Ding–Granger–Engle), power delta estimated", () => new Aparch()),
        new("tarch", "APARCH(1,1) with delta = 1 (Zakoian's threshold GARCH on sigma)", () => new Aparch(fixedDelta: 1)),
    ];

    /// <summary>The innovation distributions, in display order.</summary>
    public static IReadOnlyList<Part<InnovationDistribution>> Distributions { get; } =
    [
        new("n", "normal", () => new NormalInnovation()),
        new("t", "Student-t (unit variance)", () => new StudentTInnovation()),
        new("skewt", "Hansen's skewed Student-t (eta, lambda)", () => new SkewedStudentTInnovation()),
        new("ged", "generalised error distribution (shape nu)", () => new GedInnovation()),
    ];

    /// <summary>Every composed name, processes outer, distributions inner.</summary>
    public static IEnumerable<string> Names =>
        Processes.SelectMany(p => Distributions.Select(d => $"{p.Key}-{d.Key}"));

    /// <summary>The model named <c>{process}-{distribution}</c>, or null when either part is unknown.</summary>
    public static VolatilityModel? TryCompose(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0)
        {
            return null;
        }

        var process = Processes.FirstOrDefault(p => p.Key.Equals(name[..dash], StringComparison.OrdinalIgnoreCase));
        var distribution = Distributions.FirstOrDefault(d => d.Key.Equals(name[(dash + 1)..], StringComparison.OrdinalIgnoreCase));
        return process is null || distribution is null ? null : new VolatilityModel(process.Create(), distribution.Create());
    }

    /// <summary>The model named <c>{process}-{distribution}</c>; throws naming the known parts otherwise.</summary>
    public static VolatilityModel Compose(string name) =>
        TryCompose(name) ?? throw new ArgumentException(
            $"'{name}' is not process-distribution; processes: {string.Join(", ", Processes.Select(p => p.Key))}; " +
            $"distributions: {string.Join(", ", Distributions.Select(d => d.Key))}");

    /// <summary>"process × distribution" in words, for listings.</summary>
    public static string Describe(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var process = Processes.First(p => p.Key.Equals(name[..dash], StringComparison.OrdinalIgnoreCase));
        var distribution = Distributions.First(d => d.Key.Equals(name[(dash + 1)..], StringComparison.OrdinalIgnoreCase));
        return $"{process.Description}; {distribution.Description} innovations";
    }
}
