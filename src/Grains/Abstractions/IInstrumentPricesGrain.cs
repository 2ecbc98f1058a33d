namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The accepted prices of one instrument in one universe (keyed <c>"{universe}/{instrument}"</c>): the one
/// source of truth every model's pair of that instrument reads, so pairs can never hold different prices
/// for a day. Old prices are kept in append-only chunks; the record itself holds only the open chunk.
/// </summary>
[Alias("riskgrid.IInstrumentPricesGrain")]
public interface IInstrumentPricesGrain : IGrainWithStringKey
{
    /// <summary>Checks a batch (oldest first) against the accepted prices without changing anything: a date
    /// at or before the last accepted one must be an accepted day with identical prices. The batch is not copied
    /// into the call (<c>[Immutable]</c>): neither side changes it.</summary>
    Task CheckAsync([Immutable] DailyPrice[] prices);

    /// <summary>Checks the batch like <see cref="CheckAsync"/> and appends the new prices (the batch is not copied either).</summary>
    Task<AcceptedPrices> AcceptAsync([Immutable] DailyPrice[] prices);

    /// <summary>Accepted prices from position <paramref name="start"/>, at most <paramref name="count"/>.</summary>
    Task<DailyPrice[]> GetPricesAsync(int start, int count);

    /// <summary>Accepted prices so far, and the first and last dates.</summary>
    Task<PriceLogStatus> GetStatusAsync();

    /// <summary>
    /// Migration of state written before versioning, where every pair kept its own log of closes: the first
    /// pair to migrate seeds the instrument's prices, later ones must agree with them (a longer log extends
    /// them). Returns false, changing nothing, when the pair's log disagrees.
    /// </summary>
    Task<bool> AdoptAsync(DailyPrice[] prices);

    /// <summary>Forgets every accepted price.</summary>
    Task ResetAsync();
}

/// <summary>What <see cref="IInstrumentPricesGrain.AcceptAsync"/> appended.</summary>
/// <param name="FirstIndex">Position of <paramref name="Fresh"/>[0] in the instrument's accepted prices (the count
/// before the batch).</param>
/// <param name="Fresh">The batch's new prices, appended.</param>
/// <param name="Known">Prices of the batch that were already accepted, identical.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.AcceptedPrices")]
public sealed record AcceptedPrices(
    [property: Id(0)] int FirstIndex,
    [property: Id(1)] DailyPrice[] Fresh,
    [property: Id(2)] int Known);

[GenerateSerializer, Immutable, Alias("riskgrid.PriceLogStatus")]
public sealed record PriceLogStatus(
    [property: Id(0)] int Count,
    [property: Id(1)] DateOnly? FirstDate,
    [property: Id(2)] DateOnly? LastDate);

/// <summary>
/// New accepted prices for a pair: the instrument's accepted prices from position <see cref="FirstIndex"/>.
/// A pair that holds fewer than <see cref="FirstIndex"/> prices (an earlier push failed under it) first
/// reads the ones it missed from the instrument.
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PriceBatch")]
public sealed record PriceBatch(
    [property: Id(0)] int FirstIndex,
    [property: Id(1)] DailyPrice[] Prices);
