namespace RiskGrid.Core.Backtesting;

/// <summary>How the battery runs. The default is what every consumer shows (the benchmark, the grid, the run store).</summary>
public sealed record BacktestOptions
{
    /// <summary>The default: every p-value, Monte Carlo ones included.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>
    /// Whether the LR tests also give Dufour Monte Carlo p-values (<see cref="DufourMonteCarlo"/>);
    /// off, they are left out of the results (for callers that need the statistics fast and not those p-values).
    /// </summary>
    public bool MonteCarlo { get; init; } = true;
}
