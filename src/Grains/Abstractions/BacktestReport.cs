namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// Every backtest of one forecast series at one confidence level (the grid's copy of the Core
/// backtest summary): exception counts, coverage and independence tests, ES backtest, quantile loss
/// and the Basel traffic light.
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.BacktestReport")]
public sealed record BacktestReport(
    [property: Id(0)] double Alpha,
    [property: Id(1)] int Observations,
    [property: Id(2)] int MissingForecasts,
    [property: Id(3)] int Exceptions,
    [property: Id(4)] double ExceptionRate,
    [property: Id(5)] double ViolationRatio,
    [property: Id(6)] TestStatistic Kupiec,
    [property: Id(7)] TestStatistic ChristoffersenIndependence,
    [property: Id(8)] TestStatistic ChristoffersenConditionalCoverage,
    [property: Id(9)] TestStatistic Duration,
    [property: Id(10)] double AverageVaR,
    [property: Id(11)] double AverageES,
    [property: Id(12)] double EsStatistic,
    [property: Id(13)] double EsPValue,
    [property: Id(14)] double QuantileLoss,
    [property: Id(15)] TrafficLightReport TrafficLight);
