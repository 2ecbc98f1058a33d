using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>The finished rolling run of one instrument×model pair: its forecasts and fitting record.</summary>
/// <param name="FitTime">Total wall time spent estimating.</param>
public sealed record PairRun(string Instrument, string Model, IReadOnlyList<ForecastRecord> Forecasts,
    int FitAttempts, int FitFailures, ModelFit? LastFit, TimeSpan FitTime)
{
    /// <summary>The run of a pair whose kernel ended in <paramref name="state"/>.</summary>
    public PairRun(string instrument, string model, PairState state, TimeSpan fitTime)
        : this(instrument, model, state.Forecasts, state.FitAttempts, state.FitFailures, state.LastFit, fitTime)
    {
    }

    /// <summary>
    /// The backtests of <see cref="Forecasts"/>, one per level, when whoever ran the pair computed them already
    /// (the grid's pairs do, with <see cref="Backtester"/>); null when the reader computes them.
    /// </summary>
    public IReadOnlyList<BacktestSummary>? Backtests { get; init; }
}
