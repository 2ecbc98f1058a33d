namespace RiskGrid.Core.Models;

/// <summary>Model options that the CLI and grid pass through to <see cref="ModelCatalog"/>.</summary>
public sealed record ModelSettings
{
    public static ModelSettings Default { get; } = new();

    /// <summary>EWMA / RiskMetrics decay factor.</summary>
    public double EwmaLambda { get; init; } = 0.94;
}
