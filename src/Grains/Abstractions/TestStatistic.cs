namespace RiskGrid.Grains.Abstractions;

/// <summary>A backtest's statistic and p-value (NaN where undefined).</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.TestStatistic")]
public readonly record struct TestStatistic(
    [property: Id(0)] double Statistic,
    [property: Id(1)] double PValue,
    [property: Id(2)] int DegreesOfFreedom);
