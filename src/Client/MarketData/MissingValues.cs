namespace RiskGrid.Client.MarketData;

/// <summary>What a fetch does with a day the source lists without a price (FRED's <c>.</c>, a Yahoo <c>null</c>,
/// an empty Stooq field): never a silent drop.</summary>
public enum MissingValues
{
    /// <summary>A <see cref="MarketDataException"/> naming the symbol, how many days and the first of them.</summary>
    Error,

    /// <summary>The days are left out of the series, and each fetch says how many and which (<see cref="FetchedSeries.Notes"/>).</summary>
    Drop,
}
