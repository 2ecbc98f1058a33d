namespace RiskGrid.Grains.Abstractions;

/// <summary>VaR and ES at one level, positive losses in percent.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.LevelRisk")]
public readonly record struct LevelRisk(
    [property: Id(0)] double Alpha,
    [property: Id(1)] double VaR,
    [property: Id(2)] double ES);
