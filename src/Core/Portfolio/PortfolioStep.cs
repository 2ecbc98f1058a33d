using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Portfolio;

/// <summary>What one joint day did to a portfolio: its return and, per method, the new forecast (null while filling).</summary>
public sealed record PortfolioStep(double PnL, IReadOnlyList<ForecastRecord?> Forecasts);
