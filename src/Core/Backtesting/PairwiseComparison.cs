namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Diebold–Mariano comparison of two models' losses (quantile or FZ0, see <see cref="ModelComparison.Loss"/>) on the common days, with
/// d_t = loss(<see cref="First"/>) − loss(<see cref="Second"/>).
/// </summary>
/// <param name="MeanLossDifference">d̄: negative when <see cref="First"/> forecasts better.</param>
/// <param name="DieboldMariano">The DM statistic (same sign as d̄) and two-sided p-value.</param>
/// <param name="Lags">Newey–West truncation lag used.</param>
public sealed record PairwiseComparison(string First, string Second, double MeanLossDifference,
    HypothesisTest DieboldMariano, int Lags);
