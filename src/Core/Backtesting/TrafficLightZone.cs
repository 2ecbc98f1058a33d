namespace RiskGrid.Core.Backtesting;

/// <summary>Basel traffic-light zone of a VaR model's recent exceptions.</summary>
public enum TrafficLightZone
{
    Green,
    Yellow,
    Red,
}
