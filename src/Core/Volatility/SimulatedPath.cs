namespace RiskGrid.Core.Volatility;

/// <summary>A simulated return series (percent) and the conditional variances that generated it.</summary>
/// <param name="Returns">r_t = μ + σ_t·z_t, oldest first.</param>
/// <param name="Variances">σ²_t of each return.</param>
public sealed record SimulatedPath(double[] Returns, double[] Variances);
