using RiskGrid.Client.MarketData;

namespace RiskGrid.Client.Tests.MarketData;

public sealed class FredGraphSourceTests : SourceTestBase
{
    private readonly FredGraphSource _fred = new();

    [Fact]
    public async Task The_graph_csv_is_asked_for_by_series_and_dates_and_read_as_closes()
    {
        Server.ReplyFile("/graph/fredgraph.csv", "fred-sp500.csv", "text/csv");
        using var client = Client();

        var fetched = await _fred.FetchAsync(client, Request("SP500"), CancellationToken.None);

        Assert.Equal("?id=SP500&cosd=2024-01-01&coed=2024-01-08", Server.Requests.Single().Query);
        Assert.Equal([4742.83, 4704.81, 4688.68, 4697.24, 4763.54], fetched.Bars.Select(b => b.Close));
        Assert.False(fetched.HasRange);
        Assert.StartsWith("Date,Close,Adj Close\n2024-01-02,4742.83,4742.83\n", fetched.ToCsv());
        Assert.Equal(4763.54, fetched.ToSeries().Bars[^1].Close);
    }

    [Fact]
    public async Task A_dot_is_a_missing_value_error_by_default_naming_the_day()
    {
        Server.ReplyFile("/graph/fredgraph.csv", "fred-dgs10.csv", "text/csv");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _fred.FetchAsync(client, Request("DGS10"), CancellationToken.None));

        Assert.Equal("fred DGS10: 1 day(s) without a price (2024-01-01); --missing drop leaves them out (and says so)", ex.Message);
    }

    [Fact]
    public async Task Dropping_missing_values_keeps_the_others_and_says_which_were_dropped()
    {
        Server.ReplyFile("/graph/fredgraph.csv", "fred-dgs10.csv", "text/csv");
        using var client = Client();

        var fetched = await _fred.FetchAsync(client, Request("DGS10", MissingValues.Drop), CancellationToken.None);

        Assert.Equal([3.95, 3.91, 3.99, 4.05, 4.01], fetched.Bars.Select(b => b.Close));
        Assert.Equal("1 day(s) without a price left out (--missing drop): 2024-01-01", Assert.Single(fetched.Notes));
    }

    [Fact]
    public async Task An_answer_for_another_series_or_not_a_graph_csv_is_an_error()
    {
        Server.ReplyFile("/graph/fredgraph.csv", "fred-sp500.csv", "text/csv");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _fred.FetchAsync(client, Request("DGS10"), CancellationToken.None));
        Assert.Contains("for series 'SP500', not 'DGS10'", ex.Message);

        using var other = new FixtureServer();
        other.Reply("/graph/fredgraph.csv", 200, "Date,Open,Close\n2024-01-02,1,2\n", "text/csv");
        using var client2 = new MarketDataClient(other.BaseUrl, new RawResponseCache(CacheFolder), delay: (_, _) => Task.CompletedTask);
        ex = await Assert.ThrowsAsync<MarketDataException>(() => _fred.FetchAsync(client2, Request("DGS10"), CancellationToken.None));
        Assert.Contains("not a FRED graph CSV", ex.Message);
    }

    [Fact]
    public async Task A_bad_value_is_an_error_naming_its_line()
    {
        Server.Reply("/graph/fredgraph.csv", 200, "observation_date,DGS10\n2024-01-02,3.95\n2024-01-03,n/a\n", "text/csv");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _fred.FetchAsync(client, Request("DGS10"), CancellationToken.None));

        Assert.Equal("fred DGS10: line 3: 'n/a' is not a number", ex.Message);
    }

    [Fact]
    public async Task An_html_page_with_status_200_is_detected()
    {
        Server.ReplyFile("/graph/fredgraph.csv", "fred-not-found.html", "text/html");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<MarketDataException>(() => _fred.FetchAsync(client, Request("NOSUCH"), CancellationToken.None));

        Assert.Contains("FRED served a web page", ex.Message);
        Assert.Contains("'Error - St. Louis Fed'", ex.Message);
    }
}
