using System.Security.Cryptography;
using System.Text.Json;
using RiskGrid.Client.MarketData;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.Tests.MarketData;

public sealed class YahooChartSourceTests : SourceTestBase
{
    private readonly YahooChartSource _yahoo = new();

    [Fact]
    public async Task Cookie_and_crumb_come_first_from_the_same_base_and_go_with_the_chart_request()
    {
        Server.YahooHandshake("Abc.Def9/x").ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json");
        using var client = Client();

        await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);

        var requests = Server.Requests;
        Assert.Equal(["/", "/v1/test/getcrumb", "/v8/finance/chart/JPM"], requests.Select(r => r.Path));
        var chart = requests[2];
        Assert.Contains("crumb=Abc.Def9%2Fx", chart.Query);
        Assert.Contains("period1=1704067200", chart.Query);   // 2024-01-01 00:00 UTC
        Assert.Contains("period2=1704758400", chart.Query);   // 2024-01-09 00:00 UTC: --to is inclusive
        Assert.Contains("interval=1d", chart.Query);
        Assert.Equal("A3=d=test-session", chart.Cookie);
        Assert.All(requests, r => Assert.Equal(MarketDataClient.UserAgent, r.UserAgent));
    }

    [Fact]
    public async Task The_bars_are_the_answer_s_values_on_exchange_dates_with_adjusted_closes()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json");
        using var client = Client();

        var fetched = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);

        using var json = JsonDocument.Parse(File.ReadAllText(FixtureServer.Fixture("yahoo-jpm.json")));
        var result = json.RootElement.GetProperty("chart").GetProperty("result")[0];
        var quote = result.GetProperty("indicators").GetProperty("quote")[0];
        var adjclose = result.GetProperty("indicators").GetProperty("adjclose")[0].GetProperty("adjclose");
        Assert.Equal(5, fetched.Bars.Count);
        Assert.Equal(new DateOnly(2024, 1, 2), fetched.Bars[0].Date);
        Assert.Equal(new DateOnly(2024, 1, 8), fetched.Bars[^1].Date);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(quote.GetProperty("close")[i].GetDouble(), fetched.Bars[i].Close);
            Assert.Equal(adjclose[i].GetDouble(), fetched.Bars[i].AdjClose);
        }

        // Read back as a price file does: the close is Adj Close, the range scaled by Adj Close / Close.
        var series = YahooCsv.Parse(new StringReader(fetched.ToCsv()), "JPM.csv");
        Assert.Equal("JPM", series.Instrument);
        Assert.Equal(adjclose[3].GetDouble(), series.Bars[3].Close);
        Assert.Equal(quote.GetProperty("high")[3].GetDouble() * adjclose[3].GetDouble() / quote.GetProperty("close")[3].GetDouble(), series.Bars[3].High, 12);
    }

    [Fact]
    public async Task An_answer_without_adjusted_closes_uses_the_close_and_says_so()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/^GSPC", "yahoo-gspc.json");
        using var client = Client();

        var fetched = await _yahoo.FetchAsync(client, Request("^GSPC"), CancellationToken.None);

        Assert.Equal("GSPC", fetched.Instrument);
        Assert.All(fetched.Bars, b => Assert.Equal(b.Close, b.AdjClose));
        Assert.Contains(fetched.Notes, n => n.Contains("no adjusted close"));
    }

    [Fact]
    public async Task A_429_backs_off_as_Retry_After_says_then_succeeds()
    {
        Server.YahooHandshake()
            .Reply("/v8/finance/chart/JPM", 429, "Too Many Requests", "text/plain", new Dictionary<string, string> { ["Retry-After"] = "3" })
            .Reply("/v8/finance/chart/JPM", 429, "Too Many Requests", "text/plain")
            .ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json");
        using var client = Client();

        var fetched = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);

        Assert.Equal(5, fetched.Bars.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)], client.Waits); // Retry-After, then 2^(attempt-1)
        Assert.Equal(3, Server.Requests.Count(r => r.Path == "/v8/finance/chart/JPM"));
    }

    [Fact]
    public async Task A_429_that_does_not_stop_is_an_error_after_the_last_attempt()
    {
        Server.YahooHandshake().Reply("/v8/finance/chart/JPM", 429, "Too Many Requests", "text/plain");
        using var client = Client(maxAttempts: 4);

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));

        Assert.Contains("429", ex.Message);
        Assert.Contains("after 4 attempts", ex.Message);
        Assert.Equal([1.0, 2.0, 4.0], client.Waits.Select(w => w.TotalSeconds));
        Assert.DoesNotContain("Abc", ex.Message); // the crumb is not printed
    }

    [Fact]
    public async Task An_html_page_served_with_200_is_an_error_not_data()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-consent.html", "text/html");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));

        Assert.Contains("HTML page", ex.Message);
        Assert.Contains("Yahoo is part of the Yahoo family of brands", ex.Message);
        Assert.Empty(Directory.Exists(CacheFolder) ? Directory.GetFiles(CacheFolder, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task An_html_page_labelled_as_json_is_still_an_error()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-consent.html", "application/json");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));

        Assert.Contains("HTML page", ex.Message);
    }

    [Fact]
    public async Task Bad_json_is_an_error_naming_the_symbol()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-bad.json");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));

        Assert.StartsWith("yahoo JPM: the answer is not valid JSON", ex.Message);
    }

    [Fact]
    public async Task An_unknown_symbol_is_Yahoo_s_own_message()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/NOPE", "yahoo-not-found.json", status: 404);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("NOPE"), CancellationToken.None));

        Assert.Contains("404", ex.Message);
        Assert.Contains("No data found, symbol may be delisted", ex.Message);
    }

    [Fact]
    public async Task A_day_without_a_price_is_an_error_unless_dropping_is_asked_and_then_it_is_said()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-null-day.json");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));
        Assert.Contains("1 day(s) without a price (2024-01-04)", ex.Message);
        Assert.Contains("--missing drop", ex.Message);

        var dropped = await _yahoo.FetchAsync(client, Request("JPM", MissingValues.Drop), CancellationToken.None);
        Assert.Equal(4, dropped.Bars.Count);
        Assert.DoesNotContain(dropped.Bars, b => b.Date == new DateOnly(2024, 1, 4));
        Assert.Contains(dropped.Notes, n => n.Contains("left out") && n.Contains("2024-01-04"));
    }

    [Fact]
    public async Task An_answer_not_adjusted_for_a_split_is_put_on_the_new_scale()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/AAPL", "yahoo-split-unadjusted.json");
        using var client = Client();

        var fetched = await _yahoo.FetchAsync(client, Request("AAPL"), CancellationToken.None);

        Assert.Equal(499.23 / 4, fetched.Bars[2].Close, 12);
        Assert.Equal(499.23 / 4, fetched.Bars[2].AdjClose, 12);
        Assert.Equal(129.04, fetched.Bars[3].Close);
        Assert.Contains(fetched.Notes, n => n.Contains("split 4:1 on 2020-08-31") && n.Contains("divided by 4"));
        // No day-to-day move near −75 % is left for the data-quality check to flag.
        var series = fetched.ToSeries();
        Assert.Empty(DataQuality.Check(series, DataQuality.DefaultMaxMove));
    }

    [Fact]
    public async Task An_answer_already_adjusted_for_a_split_is_left_as_it_is()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/AAPL", "yahoo-split-adjusted.json");
        using var client = Client();

        var fetched = await _yahoo.FetchAsync(client, Request("AAPL"), CancellationToken.None);

        Assert.Equal(124.8075, fetched.Bars[2].Close);
        Assert.Contains(fetched.Notes, n => n == "split 4:1 on 2020-08-31 (already adjusted)");
    }

    [Fact]
    public async Task The_raw_answer_is_cached_under_its_sha256_and_read_back_without_a_request()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json");
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FixtureServer.Fixture("yahoo-jpm.json"))));
        FetchedSeries first;
        using (var client = Client())
        {
            first = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);
        }

        Assert.Equal(expected, first.RawHashes);
        Assert.False(first.Raw[0].FromCache);
        Assert.Equal(expected, Path.GetFileName(first.Raw[0].CachePath));
        Assert.Equal(File.ReadAllBytes(FixtureServer.Fixture("yahoo-jpm.json")), File.ReadAllBytes(first.Raw[0].CachePath));
        var requests = Server.Requests.Count;

        using (var client = Client())
        {
            var second = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);
            Assert.True(second.Raw[0].FromCache);
            Assert.Equal(first.ToCsv(), second.ToCsv());
        }

        Assert.Equal(requests, Server.Requests.Count); // no handshake, no chart request

        using (var client = Client(refresh: true))
        {
            var third = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);
            Assert.False(third.Raw[0].FromCache);
        }

        Assert.Equal(requests + 3, Server.Requests.Count);
    }

    [Fact]
    public async Task A_cached_file_whose_bytes_changed_is_not_used()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json");
        using var client = Client();
        var first = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);
        File.AppendAllText(first.Raw[0].CachePath, " ");

        var second = await _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None);

        Assert.False(second.Raw[0].FromCache);
        Assert.Equal(first.RawHashes, second.RawHashes);
    }

    [Fact]
    public async Task An_unreachable_source_is_a_market_data_error()
    {
        using var client = new MarketDataClient(new Uri($"http://127.0.0.1:{Ports.Free()}/"), new RawResponseCache(CacheFolder), delay: (_, _) => Task.CompletedTask);

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _yahoo.FetchAsync(client, Request("JPM"), CancellationToken.None));

        Assert.Contains("cannot reach", ex.Message);
    }

    [Fact]
    public void Symbols_become_instrument_and_file_names()
    {
        Assert.Equal("JPM", MarketDataSources.InstrumentName("jpm"));
        Assert.Equal("GSPC", MarketDataSources.InstrumentName("^GSPC"));
        Assert.Equal("EURUSD_X", MarketDataSources.InstrumentName("EURUSD=X"));
        Assert.Equal("BRK-B", MarketDataSources.InstrumentName("BRK-B"));
        Assert.Equal("SPY.US", MarketDataSources.InstrumentName("spy.us"));
        Assert.Throws<ArgumentException>(() => MarketDataSources.InstrumentName("^"));
    }
}
