namespace RiskGrid.Grains.Abstractions;

/// <summary>A date and adjusted close from a pair's price log.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.ClosePrice")]
public readonly record struct ClosePrice(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] double Close);
