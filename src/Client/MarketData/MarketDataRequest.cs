namespace RiskGrid.Client.MarketData;

/// <summary>The daily prices of one symbol from <see cref="From"/> to <see cref="To"/>, both inclusive.</summary>
/// <param name="ApiKey">The source's API key where it takes one (Stooq); never cached, recorded or printed.</param>
public sealed record MarketDataRequest(string Symbol, DateOnly From, DateOnly To, MissingValues Missing = MissingValues.Error, string? ApiKey = null)
{
    /// <summary>The cache key of this request at <paramref name="source"/> on <paramref name="baseUrl"/>.</summary>
    public string CacheKey(string source, Uri baseUrl) => $"{source}|{baseUrl.AbsoluteUri}|{Symbol}|{From:yyyy-MM-dd}|{To:yyyy-MM-dd}";
}
