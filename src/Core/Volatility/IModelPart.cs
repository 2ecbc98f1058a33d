namespace RiskGrid.Core.Volatility;

/// <summary>
/// The contract each part of a volatility model (mean, volatility process, innovation distribution)
/// declares, arch style: its parameter names, and a map between its natural parameters and box-bounded
/// working coordinates in which the optimiser searches. Constraints that are not boxes in the natural
/// parameters (α + β &lt; 1) become boxes through that map.
/// </summary>
public interface IModelPart
{
    /// <summary>Names of the natural parameters, in order (e.g. omega, alpha, beta).</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Lower bounds of the working coordinates (one per parameter).</summary>
    IReadOnlyList<double> WorkingLower { get; }

    /// <summary>Upper bounds of the working coordinates.</summary>
    IReadOnlyList<double> WorkingUpper { get; }

    /// <summary>Working coordinates of natural parameters (may lie outside the box; callers clamp).</summary>
    void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working);

    /// <summary>Natural parameters of working coordinates, and the Jacobian ∂natural_i/∂working_j
    /// (k × k, row-major) for the chain rule.</summary>
    void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian);

    /// <summary>What it means, in natural parameters, that working coordinate <paramref name="index"/>
    /// sits on its lower or upper bound (e.g. "alpha = 0").</summary>
    string DescribeBound(int index, bool upper);
}
