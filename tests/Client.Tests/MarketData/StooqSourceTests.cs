using RiskGrid.Client.MarketData;

namespace RiskGrid.Client.Tests.MarketData;

public sealed class StooqSourceTests : SourceTestBase
{
    private readonly StooqSource _stooq = new();

    [Fact]
    public async Task The_csv_is_read_with_the_close_as_adjusted_close_and_the_key_sent_but_not_cached_or_printed()
    {
        Server.ReplyFile("/q/d/l/", "stooq-spy.csv", "text/csv");
        using var client = Client();

        var fetched = await _stooq.FetchAsync(client, Request("SPY.US", apiKey: "s3cret"), CancellationToken.None);

        Assert.Equal("?s=spy.us&d1=20240101&d2=20240108&i=d&apikey=s3cret", Server.Requests.Single().Query);
        Assert.Equal("SPY.US", fetched.Instrument);
        Assert.Equal([466.18, 462.3, 460.47, 461.12, 467.75], fetched.Bars.Select(b => b.Close));
        Assert.All(fetched.Bars, b => Assert.Equal(b.Close, b.AdjClose));
        Assert.Equal(86655330, fetched.Bars[0].Volume);
        Assert.DoesNotContain("s3cret", fetched.Raw[0].Url);
        Assert.DoesNotContain("s3cret", string.Concat(Directory.GetFiles(CacheFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText)));

        // Another key, same request: the cache answers.
        var again = await _stooq.FetchAsync(client, Request("SPY.US", apiKey: "other"), CancellationToken.None);
        Assert.True(again.Raw[0].FromCache);
    }

    [Fact]
    public async Task The_proof_of_work_page_served_with_200_is_detected_and_named()
    {
        Server.ReplyFile("/q/d/l/", "stooq-pow.html", "text/html");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _stooq.FetchAsync(client, Request("SPY.US"), CancellationToken.None));

        Assert.Contains("proof-of-work", ex.Message);
        Assert.Contains("--api-key", ex.Message);
    }

    [Fact]
    public async Task A_key_in_an_error_message_is_redacted()
    {
        Server.Reply("/q/d/l/", 403, "Forbidden", "text/plain");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _stooq.FetchAsync(client, Request("SPY.US", apiKey: "s3cret"), CancellationToken.None));

        Assert.Contains("HTTP 403", ex.Message);
        Assert.Contains("apikey=…", ex.Message);
        Assert.DoesNotContain("s3cret", ex.Message);
    }

    [Fact]
    public async Task No_data_and_empty_prices_are_errors()
    {
        Server.Reply("/q/d/l/", 200, "No data", "text/csv");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _stooq.FetchAsync(client, Request("NOSUCH"), CancellationToken.None));
        Assert.Contains("Stooq has no data", ex.Message);

        using var other = new FixtureServer();
        other.Reply("/q/d/l/", 200, "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,,10\n", "text/csv");
        using var client2 = new MarketDataClient(other.BaseUrl, new RawResponseCache(CacheFolder), delay: (_, _) => Task.CompletedTask);
        ex = await Assert.ThrowsAsync<MarketDataException>(() => _stooq.FetchAsync(client2, Request("X.US"), CancellationToken.None));
        Assert.Contains("1 day(s) without a price (2024-01-03)", ex.Message);
    }
}
