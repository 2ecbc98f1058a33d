namespace RiskGrid.Core.Backtesting;

/// <summary>Basel traffic light over the last <see cref="Days"/> realised forecasts.</summary>
public readonly record struct TrafficLight(TrafficLightZone Zone, int Exceptions, int Days);
