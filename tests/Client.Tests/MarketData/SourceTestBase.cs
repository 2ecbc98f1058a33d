using RiskGrid.Client.MarketData;

namespace RiskGrid.Client.Tests.MarketData;

/// <summary>A loopback fixture server, a fresh cache folder, and clients whose back-off waits are recorded, not waited.</summary>
public abstract class SourceTestBase : IDisposable
{
    protected SourceTestBase()
    {
        Folder = new TempFolder("riskgrid-marketdata-");
        Server = new FixtureServer();
    }

    protected TempFolder Folder { get; }

    protected FixtureServer Server { get; }

    protected string CacheFolder => Folder.File("cache");

    protected static readonly DateOnly From = new(2024, 1, 1);

    protected static readonly DateOnly To = new(2024, 1, 8);

    protected MarketDataClient Client(bool refresh = false, int maxAttempts = 5) =>
        new(Server.BaseUrl, new RawResponseCache(CacheFolder), refresh, maxAttempts, (_, _) => Task.CompletedTask);

    protected static MarketDataRequest Request(string symbol, MissingValues missing = MissingValues.Error, string? apiKey = null) =>
        new(symbol, From, To, missing, apiKey);

    public void Dispose()
    {
        Server.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
