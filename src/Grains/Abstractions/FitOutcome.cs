namespace RiskGrid.Grains.Abstractions;

/// <summary>How an estimation ended (mirrors the Core fit status).</summary>
[GenerateSerializer, Alias("riskgrid.FitOutcome")]
public enum FitOutcome
{
    Converged = 0,
    ConvergedAtBound = 1,
    NotConverged = 2,
    Failed = 3,
}
