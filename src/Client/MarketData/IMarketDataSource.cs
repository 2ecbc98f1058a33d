namespace RiskGrid.Client.MarketData;

/// <summary>
/// A place daily prices come from (<c>riskgrid fetch --source NAME</c>, <c>benchmark --source NAME</c>). To add one:
/// implement this (its requests go through the <see cref="MarketDataClient"/> it is given, so they are cached, backed off
/// and pointed at <c>--source-url</c> like every other source's) and add it to <see cref="MarketDataSources.All"/>.
/// </summary>
public interface IMarketDataSource
{
    /// <summary>Lower-case name, e.g. <c>yahoo</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The address used without <c>--source-url</c>.</summary>
    Uri DefaultBaseUrl { get; }

    /// <summary>The symbol's daily prices; any problem is a <see cref="MarketDataException"/>.</summary>
    Task<FetchedSeries> FetchAsync(MarketDataClient client, MarketDataRequest request, CancellationToken cancellationToken);
}
