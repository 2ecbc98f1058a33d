namespace RiskGrid.Grains.Abstractions;

/// <summary>An instrument's weight in a portfolio, as a fraction of portfolio value (negative = short).</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PortfolioWeight")]
public readonly record struct PortfolioWeight(
    [property: Id(0)] string Instrument,
    [property: Id(1)] double Weight);
