namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One portfolio risk method (<c>hs</c> historical simulation, <c>fhs</c> filtered historical
/// simulation, <c>varcov</c> variance–covariance, <c>dcc</c> DCC-GARCH): its latest forecast and its backtest at each level.
/// </summary>
/// <param name="Latest">The newest forecast (for the day after the last joint day); empty before the window fills.</param>
/// <param name="Forecasts">Forecasts recorded.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.PortfolioMethodStatus")]
public sealed record PortfolioMethodStatus(
    [property: Id(0)] string Method,
    [property: Id(1)] LevelRisk[] Latest,
    [property: Id(2)] int Forecasts,
    [property: Id(3)] BacktestReport[] Backtests);
