namespace RiskGrid.Grains.Abstractions;

/// <summary>A model's record over every instrument of a universe.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.ModelSummary")]
public sealed record ModelSummary(
    [property: Id(0)] string Model,
    [property: Id(1)] int Pairs,
    [property: Id(2)] long Forecasts,
    [property: Id(3)] long FitFailures,
    [property: Id(4)] LevelSummary[] Levels);
