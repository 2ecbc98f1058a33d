namespace RiskGrid.Grains.Abstractions;

/// <summary>One p-value of a backtest and how it was obtained (<c>chi2</c>, <c>mc</c>, <c>exact</c>, …); NaN where undefined.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PValueReport")]
public readonly record struct PValueReport(
    [property: Id(0)] string Method,
    [property: Id(1)] double Value);
