namespace RiskGrid.Grains.Abstractions;

/// <summary>A pair's progress and backtests at each of its levels, for universe-wide summaries.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PairSummary")]
public sealed record PairSummary(
    [property: Id(0)] string Instrument,
    [property: Id(1)] string Model,
    [property: Id(2)] int BarsSeen,
    [property: Id(3)] DateOnly? LastDate,
    [property: Id(4)] int Forecasts,
    [property: Id(5)] int FitFailures,
    [property: Id(6)] BacktestReport[] Backtests);
