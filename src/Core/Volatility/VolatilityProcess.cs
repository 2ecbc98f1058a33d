namespace RiskGrid.Core.Volatility;

/// <summary>
/// A conditional-variance process (GARCH, GJR, EGARCH): its parameters, working coordinates, starting
/// grid, and the recursion that turns residuals into variances. The recursions themselves are the free
/// functions of <see cref="VarianceRecursion"/> and <see cref="VarianceGradient"/>; a process only
/// unpacks its parameter vector for them.
/// </summary>
public abstract class VolatilityProcess : ModelPart
{
    /// <summary>Conditional variances (length T, or T + 1 to include the one-step forecast) of
    /// <paramref name="residuals"/> given the process parameters and the backcast (mean of ε²).</summary>
    public abstract void Variance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variance);

    /// <summary>
    /// <see cref="Variance"/> for several parameter sets on the same residuals: set i's parameters at
    /// <paramref name="parameterSets"/>[i·k..(i+1)·k] (k = <see cref="ModelPart.ParameterCount"/>), its T variances at
    /// <paramref name="variances"/>[i·T..(i+1)·T], the same numbers as <see cref="Variance"/> gives each. A process whose
    /// recursion waits on each step's result (EGARCH's exponential) overrides it to run the sets' chains side by side.
    /// </summary>
    public virtual void Variances(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameterSets, double backcast,
        Span<double> variances)
    {
        var k = ParameterCount;
        var count = residuals.Length;
        for (var i = 0; i < parameterSets.Length / k; i++)
        {
            Variance(residuals, parameterSets.Slice(i * k, k), backcast, variances.Slice(i * count, count));
        }
    }

    /// <summary>Σ_t weights[t]·∂σ²_t/∂[μ, parameters…] (length 1 + <see cref="ModelPart.ParameterCount"/>); see
    /// <see cref="VarianceGradient"/>.</summary>
    public abstract void Gradient(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> gradient);

    /// <summary>∂σ²_t/∂[μ, parameters…] (k × T, one row of T per parameter, k = 1 + <see cref="ModelPart.ParameterCount"/>) and
    /// Σ_t weights[t]·∂²σ²_t/∂θ∂θ' (k × k), see <see cref="VarianceHessian"/>. Not supported (the default) when the
    /// process does not provide second derivatives (<see cref="HasSecondOrder"/>): the fitter then differences the
    /// analytic gradient instead.</summary>
    public virtual void SecondOrder(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> derivatives, Span<double> second) =>
        throw new NotSupportedException($"{Name} provides no second derivatives");

    /// <summary>Whether <see cref="SecondOrder"/> is provided.</summary>
    public virtual bool HasSecondOrder => false;

    /// <summary>
    /// Whether, at these process parameters, each return that feeds the recursion puts a cusp into the likelihood as a
    /// function of the mean μ (a term |r_t − μ|^δ with δ &lt; 1, whose slope is unbounded at r_t = μ): the likelihood is then
    /// smooth in μ only between neighbouring returns, and a gradient search cannot leave the stretch it starts in. The
    /// fitter's stuck-optimum guard then searches the neighbouring stretches (see <see cref="GarchFitter"/>). False by
    /// default: GARCH, GJR and EGARCH are smooth in μ.
    /// </summary>
    public virtual bool HasMeanCusps(ReadOnlySpan<double> parameters) => false;

    /// <summary>
    /// Where, at these process parameters, the likelihood may hold another maximum far along one coordinate that no local
    /// search from here reaches: that coordinate (process index) and the value a probe from the answer puts it at, or null
    /// (the default). The fitter's stuck-optimum guard searches from there on every fit (see <see cref="GarchFitter"/>).
    /// </summary>
    public virtual (int Index, double Value)? ModeProbe(ReadOnlySpan<double> parameters) => null;

    /// <summary>
    /// Where the probe of <see cref="ModeProbe"/> falls back into the answer's mode: the value of a second probe from farther
    /// along the same coordinate, or null (the default).
    /// </summary>
    public virtual double? FartherModeProbe(ReadOnlySpan<double> parameters) => null;

    /// <summary>
    /// The process parameters a probe of <see cref="ModeProbe"/> from <paramref name="value"/> starts from (natural, into
    /// <paramref name="start"/>): by default <paramref name="parameters"/> with the probed coordinate put at the value. A process
    /// overrides it where another coordinate, as it stands at the answer, would hold the probe back in the answer's mode.
    /// </summary>
    public virtual void ModeProbeStart(ReadOnlySpan<double> parameters, double value, DataScale scale, Span<double> start)
    {
        parameters.CopyTo(start);
        if (ModeProbe(parameters) is var (index, _))
        {
            start[index] = value;
        }
    }

    /// <summary>σ²_{t+1} from σ²_t and the standardised innovation z_t (residual ε_t = σ_t·z_t); used by
    /// the simulator.</summary>
    public abstract double NextVariance(double variance, double standardizedResidual, ReadOnlySpan<double> parameters);

    /// <summary>Long-run variance level the simulator starts from (before its burn-in).</summary>
    public abstract double StartingVariance(ReadOnlySpan<double> parameters);

    /// <summary>A small grid of natural starting values for data of this scale, scored by the likelihood
    /// for a cold start.</summary>
    public abstract IEnumerable<double[]> StartingGrid(DataScale scale);
}
