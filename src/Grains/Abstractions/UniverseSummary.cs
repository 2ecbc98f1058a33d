namespace RiskGrid.Grains.Abstractions;

/// <summary>A universe-wide report: progress, and per model the pooled exception rates and zone counts.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.UniverseSummary")]
public sealed record UniverseSummary(
    [property: Id(0)] UniverseDefinition Definition,
    [property: Id(1)] UniverseProgress Progress,
    [property: Id(2)] ModelSummary[] Models);
