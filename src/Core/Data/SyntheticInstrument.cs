namespace RiskGrid.Core.Data;

/// <summary>
/// The data-generating process of one synthetic instrument, in percent returns:
/// r_t = μ + a_t, a_t = σ_t·ε_t, σ²_t = ω + (α + γ·1[a_{t−1} &lt; 0])·a²_{t−1} + β·σ²_{t−1} (GJR-GARCH(1,1)),
/// ε_t a unit-variance Student-t with ν degrees of freedom, correlated across instruments through
/// one common normal factor. Published so that tests and GARCH estimators can compare against truth.
/// </summary>
/// <param name="AnnualVolatility">Unconditional volatility, annualised with 252 days (0.15 = 15%).</param>
/// <param name="Drift">μ, percent per day.</param>
/// <param name="Omega">ω, percent² per day.</param>
/// <param name="FactorLoading">Weight of the common normal factor in the shock's normal numerator.</param>
public sealed record SyntheticInstrument(
    string Name,
    double AnnualVolatility,
    double Drift,
    double Omega,
    double Alpha,
    double Gamma,
    double Beta,
    int DegreesOfFreedom,
    double FactorLoading,
    double StartPrice)
{
    /// <summary>α + γ/2 + β: the variance persistence under symmetric shocks.</summary>
    public double Persistence => Alpha + 0.5 * Gamma + Beta;

    /// <summary>ω / (1 − persistence): the unconditional daily variance in percent².</summary>
    public double UnconditionalVariance => Omega / (1 - Persistence);
}
