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

    /// <summary>
    /// Whether the strict and auxiliary ESR tests (<see cref="EsrBacktest"/>) also give their Monte Carlo p-value from the
    /// forecasts' laws (<c>mc</c>, with <see cref="MonteCarlo"/> on and laws): opt-in, off by default, because it refits
    /// the regression 199 times per series and test (BacktestBench turns it on).
    /// </summary>
    public bool EsrMonteCarlo { get; init; }
}
