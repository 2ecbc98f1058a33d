namespace RiskGrid.Grains.Abstractions;

/// <summary>Basel traffic light over the last <see cref="Days"/> realised forecasts.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.TrafficLightReport")]
public readonly record struct TrafficLightReport(
    [property: Id(0)] BaselZone Zone,
    [property: Id(1)] int Exceptions,
    [property: Id(2)] int Days);
