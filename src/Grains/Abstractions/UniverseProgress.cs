namespace RiskGrid.Grains.Abstractions;

/// <summary>How far a universe's data has come.</summary>
/// <param name="PricesAccepted">Prices accepted per instrument, summed.</param>
/// <param name="PairUpdates">Pair updates done, summed over pairs.</param>
/// <param name="EarliestLastDate">The last date of the instrument furthest behind.</param>
/// <param name="LatestLastDate">The last date of the instrument furthest ahead.</param>
/// <param name="InstrumentsBehind">Instruments whose last date is before <see cref="LatestLastDate"/>.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.UniverseProgress")]
public sealed record UniverseProgress(
    [property: Id(0)] long PricesAccepted,
    [property: Id(1)] long PairUpdates,
    [property: Id(2)] DateOnly? EarliestLastDate,
    [property: Id(3)] DateOnly? LatestLastDate,
    [property: Id(4)] int InstrumentsBehind);
