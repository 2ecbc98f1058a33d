namespace RiskGrid.Core.Volatility;

/// <summary>
/// The distribution of the standardised innovation z_t = ε_t/σ_t (zero mean, unit variance): its piece
/// of the log-likelihood (all constants included) with the derivatives the fitter chains through the
/// variance recursion, its upper-tail VaR/ES for a unit-variance loss, and a sampler.
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

    /// <summary>Upper α-quantile of the unit-variance innovation (the VaR of a unit-variance loss;
    /// the distributions here are symmetric).</summary>
    public abstract double Quantile(double alpha, ReadOnlySpan<double> parameters);

    /// <summary>ES at level α of the unit-variance loss.</summary>
    public abstract double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters);

    /// <summary>One standardised innovation.</summary>
    public abstract double Sample(Random random, ReadOnlySpan<double> parameters);

    /// <summary>Natural starting values from the returns (e.g. degrees of freedom from kurtosis).</summary>
    public abstract double[] StartingValues(ReadOnlySpan<double> returns);
}
