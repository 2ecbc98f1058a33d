namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A consistent snapshot of what a pair gained since given positions: new log prices and new forecasts,
/// read in one grain turn so that they describe the same moment (the portfolio grain's feed).
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PairUpdates")]
public sealed record PairUpdates(
    [property: Id(0)] int PriceStart,
    [property: Id(1)] ClosePrice[] Prices,
    [property: Id(2)] int ForecastStart,
    [property: Id(3)] ForecastEntry[] Forecasts);
