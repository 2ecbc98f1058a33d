namespace RiskGrid.Grains.Abstractions;

/// <summary>What a universe holds: its rolling settings, models, instruments and portfolios.</summary>
/// <param name="Settings">Null until the universe is configured.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.UniverseDefinition")]
public sealed record UniverseDefinition(
    [property: Id(0)] string Universe,
    [property: Id(1)] RollingSettings? Settings,
    [property: Id(2)] string[] Models,
    [property: Id(3)] string[] Instruments,
    [property: Id(4)] string[] Portfolios);
