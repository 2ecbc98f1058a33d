namespace RiskGrid.Grains.Abstractions;

/// <summary>Basel traffic-light zone of a VaR model's recent exceptions.</summary>
[GenerateSerializer, Alias("riskgrid.BaselZone")]
public enum BaselZone
{
    Green = 0,
    Yellow = 1,
    Red = 2,
}
