namespace RiskGrid.Core.Volatility;

/// <summary>
/// The distribution of the standardised innovation z_t = ε_t/σ_t (zero mean, unit variance): its piece
/// of the log-likelihood (all constants included) with the derivatives the fitter chains through the
/// variance recursion, its density and CDF (for PITs), its upper-tail VaR/ES for a unit-variance loss
/// L = −z, and a sampler. Distributions may be skewed: VaR and ES are always those of the loss.
/// </summary>
public abstract class InnovationDistribution : ModelPart
{
    /// <summary>Σ_t log f(ε_t; σ²_t) over the residuals.</summary>
    public abstract double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters);

    /// <summary>
    /// The log-likelihood, and its derivatives: <paramref name="varianceWeights"/>[t] = ∂ℓ_t/∂σ²_t,
    /// <paramref name="residualWeights"/>[t] = ∂ℓ_t/∂ε_t (holding σ²_t fixed), and
    /// <paramref name="gradient"/> = ∂LL/∂(distribution parameters).
    /// </summary>
    public abstract double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceWeights, Span<double> residualWeights, Span<double> gradient);

    /// <summary>
    /// Second derivatives of ℓ_t for the one-pass analytic Hessian (see <see cref="VolatilityLikelihood.TryHessian"/>):
    /// per t, ∂²ℓ_t/∂σ²_t² into <paramref name="varianceVariance"/>, ∂²ℓ_t/∂σ²_t∂ε_t into
    /// <paramref name="varianceResidual"/>, ∂²ℓ_t/∂ε_t² into <paramref name="residualResidual"/>; per distribution
    /// parameter j and t (m × T, one row of T per parameter), ∂²ℓ_t/∂σ²_t∂η_j and ∂²ℓ_t/∂ε_t∂η_j; and Σ_t ∂²ℓ_t/∂η∂η'
    /// (m × m) into <paramref name="parameterParameter"/>. Not supported (the default) when the distribution does not provide
    /// them (<see cref="HasSecondDerivatives"/>): the fitter then differences the analytic gradient instead.
    /// </summary>
    public virtual void SecondDerivatives(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceVariance, Span<double> varianceResidual,
        Span<double> residualResidual, Span<double> varianceParameter, Span<double> residualParameter,
        Span<double> parameterParameter) =>
        throw new NotSupportedException($"{Name} provides no second derivatives");

    /// <summary>Whether <see cref="SecondDerivatives"/> is provided.</summary>
    public virtual bool HasSecondDerivatives => false;

    /// <summary>The VaR at level α of the unit-variance loss L = −z: −F⁻¹(1 − α) (for a symmetric
    /// distribution, its upper α-quantile).</summary>
    public abstract double Quantile(double alpha, ReadOnlySpan<double> parameters);

    /// <summary>ES at level α of the unit-variance loss: E[L | L ≥ VaR] = −E[z | z ≤ F⁻¹(1 − α)].</summary>
    public abstract double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters);

    /// <summary>VaR and ES at level α together (<see cref="Quantile"/>, <see cref="ExpectedShortfall"/>); a
    /// distribution whose ES needs its quantile overrides it to compute the quantile once.</summary>
    public virtual (double VaR, double ES) Tail(double alpha, ReadOnlySpan<double> parameters) =>
        (Quantile(alpha, parameters), ExpectedShortfall(alpha, parameters));

    /// <summary>log f(z) of one standardised innovation, all constants included.</summary>
    public abstract double LogDensity(double z, ReadOnlySpan<double> parameters);

    /// <summary>P(Z ≤ z): with z = (r − μ)/σ the PIT of a realised return r.</summary>
    public abstract double Cdf(double z, ReadOnlySpan<double> parameters);

    /// <summary>One standardised innovation.</summary>
    public abstract double Sample(Random random, ReadOnlySpan<double> parameters);

    /// <summary>Natural starting values from the returns (e.g. degrees of freedom from kurtosis).</summary>
    public abstract double[] StartingValues(ReadOnlySpan<double> returns);
}
