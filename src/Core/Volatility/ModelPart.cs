namespace RiskGrid.Core.Volatility;

/// <summary>
/// The contract each part of a volatility model (mean, volatility process, innovation distribution)
/// declares, arch style: its parameter names, and a map between its natural parameters and box-bounded
/// working coordinates in which the optimiser searches. Constraints that are not boxes in the natural
/// parameters (α + β &lt; 1) become boxes through that map.
/// </summary>
public abstract class ModelPart
{
    /// <summary>Display name, e.g. GARCH(1,1) or Student-t.</summary>
    public abstract string Name { get; }

    /// <summary>Names of the natural parameters, in order (e.g. omega, alpha, beta).</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    public int ParameterCount => ParameterNames.Count;

    /// <summary>Lower bounds of the working coordinates (one per parameter).</summary>
    public abstract IReadOnlyList<double> WorkingLower { get; }

    /// <summary>Upper bounds of the working coordinates.</summary>
    public abstract IReadOnlyList<double> WorkingUpper { get; }

    /// <summary>Working coordinates of natural parameters (may lie outside the box; callers clamp).</summary>
    public abstract void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working);

    /// <summary>Natural parameters of working coordinates, and the Jacobian ∂natural_i/∂working_j
    /// (k × k, row-major) for the chain rule.</summary>
    public abstract void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian);

    /// <summary>
    /// Working coordinates (indices within the part) whose lower bound can hold a local maximum beside an interior
    /// one, so that a warm-started rolling fit may sit in the wrong one: EGARCH's α (an effect put to zero, seen on
    /// S&amp;P 500 windows of 2002 and 2005–06). The fitter's stuck-optimum guard tries the other side of these bounds
    /// (see <see cref="GarchFitter"/>); others it leaves to its periodic grid probes. None by default: a bound that is
    /// a limit (unit persistence, ν → ∞, |λ| → 1) flattens the likelihood rather than peaking again, and GARCH's and
    /// GJR's α on 0 is the one maximum of their windows (flipping it every fit never changed an S&amp;P 500 answer).
    /// </summary>
    public virtual IReadOnlyList<int> BimodalLowerBounds { get; } = [];

    /// <summary>Rough cost of this part's share of a likelihood pass relative to GARCH(1,1)'s or the normal's (1): a
    /// model's <see cref="VolatilityModel.RelativeCost"/> is the product of its parts', used to schedule work only.</summary>
    public virtual double RelativeCost => 1;

    /// <summary>What it means, in natural parameters, that working coordinate <paramref name="index"/>
    /// sits on its lower or upper bound (e.g. "alpha = 0").</summary>
    public abstract string DescribeBound(int index, bool upper);
}
