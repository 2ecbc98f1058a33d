namespace RiskGrid.Grains.Abstractions;

/// <summary>New prices of one instrument, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.InstrumentPrices")]
public sealed record InstrumentPrices(
    [property: Id(0)] string Instrument,
    [property: Id(1)] DailyPrice[] Prices);
