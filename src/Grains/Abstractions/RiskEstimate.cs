namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A one-day-ahead VaR/ES estimate at any level, from a pair's current window and last fit. VaR and
/// ES are positive losses in percent of position value.
/// </summary>
/// <param name="AsOf">The window's last day; the estimate is for the next trading day.</param>
/// <param name="FitAge">Forecasts made since the fit in use was estimated.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.RiskEstimate")]
public sealed record RiskEstimate(
    [property: Id(0)] string Instrument,
    [property: Id(1)] string Model,
    [property: Id(2)] DateOnly AsOf,
    [property: Id(3)] double Alpha,
    [property: Id(4)] double VaR,
    [property: Id(5)] double ES,
    [property: Id(6)] double Mean,
    [property: Id(7)] double Volatility,
    [property: Id(8)] FitOutcome FitStatus,
    [property: Id(9)] int FitAge);
