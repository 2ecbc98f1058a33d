namespace RiskGrid.Grains.Abstractions;

/// <summary>One model's backtests at one level, pooled over its pairs, with the pairs' Basel zones counted.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.LevelSummary")]
public sealed record LevelSummary(
    [property: Id(0)] double Alpha,
    [property: Id(1)] long Observations,
    [property: Id(2)] long Exceptions,
    [property: Id(3)] double ExceptionRate,
    [property: Id(4)] double ExpectedRate,
    [property: Id(5)] int Green,
    [property: Id(6)] int Yellow,
    [property: Id(7)] int Red);
