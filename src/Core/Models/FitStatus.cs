namespace RiskGrid.Core.Models;

/// <summary>How an estimation ended. Only <see cref="Failed"/> leaves no usable parameters.</summary>
public enum FitStatus
{
    /// <summary>The optimiser met its tolerance inside the parameter bounds.</summary>
    Converged,

    /// <summary>Converged with at least one parameter on a bound (e.g. GJR's α at 0).</summary>
    ConvergedAtBound,

    /// <summary>Stopped at the iteration limit; the parameters are the best seen and usable.</summary>
    NotConverged,

    /// <summary>No usable estimate (optimiser error, non-finite likelihood, too few data).</summary>
    Failed,
}
