namespace RiskGrid.Core.Backtesting;

/// <summary>The backtest of one instrument×model pair at one level.</summary>
public sealed record PairBacktest(string Instrument, string Model, BacktestSummary Summary);
