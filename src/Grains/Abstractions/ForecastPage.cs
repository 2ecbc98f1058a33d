namespace RiskGrid.Grains.Abstractions;

/// <summary>A page of a pair's forecast history: entries <see cref="Start"/> … of <see cref="Total"/>.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.ForecastPage")]
public sealed record ForecastPage(
    [property: Id(0)] int Start,
    [property: Id(1)] int Total,
    [property: Id(2)] ForecastEntry[] Entries);
