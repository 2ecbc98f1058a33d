using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskGrid.Client.Cli;
using RiskGrid.Client.MarketData;
using RiskGrid.Client.Store;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.Tests.MarketData;

public sealed class FetchCommandTests : SourceTestBase
{
    private string[] Fetch(string out_, params string[] more) =>
    [
        "fetch", "--source", "yahoo", "--symbols", "JPM,^GSPC", "--from", "2024-01-01", "--to", "2024-01-08",
        "--out", out_, "--source-url", Server.BaseUrl.AbsoluteUri, "--cache", CacheFolder, .. more,
    ];

    [Fact]
    public async Task Fetch_writes_yahoo_format_files_that_benchmark_data_reads()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json").ReplyFile("/v8/finance/chart/^GSPC", "yahoo-gspc.json");
        var error = new StringWriter();

        var code = await RiskGridCli.RunAsync(Fetch(Folder.File("data")), error);

        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.Equal(["GSPC.csv", "JPM.csv"], Directory.GetFiles(Folder.File("data")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var jpm = Assert.Single(PriceFile.Load(Folder.File("data/JPM.csv")));
        Assert.Equal("JPM", jpm.Instrument);
        Assert.Equal(5, jpm.Count);
        Assert.Equal(166.2294, jpm.Bars[^1].Close); // Adj Close
        Assert.Contains("yahoo ^GSPC: no adjusted close", error.ToString()); // notes on stderr
        var settings = BenchmarkSettings.From(RunOptionsTestsBind("--data", Folder.File("data/JPM.csv"), Folder.File("data/GSPC.csv"), "--window", "20", "--models", "hs"));
        Assert.Equal(["JPM", "GSPC"], DataSources.Load(settings).Select(s => s.Instrument));
    }

    [Fact]
    public async Task Fetch_says_where_each_file_went_and_the_raw_answer_s_hash()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json").ReplyFile("/v8/finance/chart/^GSPC", "yahoo-gspc.json");
        var output = new StringWriter();
        var settings = MarketDataSettingsFor("JPM");

        Assert.Equal(ExitCodes.Ok, await FetchCommand.RunAsync(settings, Folder.File("data"), output, CancellationToken.None));

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FixtureServer.Fixture("yahoo-jpm.json"))));
        Assert.Equal($"JPM -> {Folder.File("data/JPM.csv")}: 5 days, 2024-01-02 to 2024-01-08; raw sha256 {hash}", output.ToString().Trim());
    }

    [Fact]
    public async Task A_failed_download_is_exit_code_7_with_one_line_and_writes_no_file()
    {
        Server.YahooHandshake().ReplyFile("/v8/finance/chart/JPM", "yahoo-jpm.json").ReplyFile("/v8/finance/chart/^GSPC", "yahoo-consent.html", "text/html");
        var error = new StringWriter();

        var code = await RiskGridCli.RunAsync(Fetch(Folder.File("data")), error);

        Assert.Equal(ExitCodes.Source, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: yahoo ^GSPC: Yahoo served a web page", line);
        Assert.Empty(Directory.GetFiles(Folder.File("data")));
    }

    [Fact]
    public async Task Fetch_options_are_checked_with_exit_code_2()
    {
        foreach (var args in new[]
                 {
                     new[] { "fetch", "--symbols", "JPM" }, ["fetch", "--source", "bloomberg", "--symbols", "JPM"], ["fetch", "--source", "yahoo"],
                     ["fetch", "--source", "yahoo", "--symbols", "JPM", "--from", "2024-13-01"],
                     ["fetch", "--source", "yahoo", "--symbols", "JPM", "--from", "2024-02-01", "--to", "2024-01-01"],
                     ["fetch", "--source", "yahoo", "--symbols", "JPM", "--source-url", "ftp://x"],
                     ["fetch", "--source", "yahoo", "--symbols", "^GSPC,GSPC"],
                     ["benchmark", "--source", "yahoo", "--symbols", "JPM", "--data", "x.csv"],
                 })
        {
            var error = new StringWriter();
            var code = await RiskGridCli.RunAsync(args, error);
            Assert.True(code == ExitCodes.BadArguments, $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.StartsWith("error: --", error.ToString());
        }
    }

    [Fact]
    public async Task Benchmark_source_downloads_and_runs_and_the_run_names_the_raw_answers_it_used()
    {
        var body = ChartJson(SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 1, Days = 160 })[0]);
        Server.YahooHandshake().Reply("/v8/finance/chart/SYN", 200, body);
        var store = Folder.File("runs.db");
        var error = new StringWriter();

        var code = await RiskGridCli.RunAsync(
        [
            "benchmark", "--source", "yahoo", "--symbols", "SYN", "--from", "2019-01-01", "--to", "2019-12-31", "--source-url", Server.BaseUrl.AbsoluteUri,
            "--cache", CacheFolder, "--engine", "core", "--models", "hs", "--window", "100", "--out", Folder.File("out"), "--store", store,
        ], error);

        Assert.True(code == ExitCodes.Ok, error.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        using var runs = RunStore.Open(store);
        var run = runs.Get(runs.List().Single().Id);
        Assert.Contains($"raw sha256 SYN {hash}", run.Dataset);
        Assert.Contains(run.Artifacts, a => a.Kind == "raw" && Path.GetFileName(a.Path) == hash);
        Assert.Contains(run.Parameters, p => p is { Name: "source", Value: "yahoo" });
        Assert.Contains(run.Parameters, p => p is { Name: "to", Value: "2019-12-31" });
        Assert.DoesNotContain(run.Parameters, p => p.Name is "cache" or "api-key");

        // fetch + benchmark --data sees the same prices: the same data-set hash.
        Assert.Equal(ExitCodes.Ok, await RiskGridCli.RunAsync(
            ["fetch", "--source", "yahoo", "--symbols", "SYN", "--from", "2019-01-01", "--to", "2019-12-31", "--source-url", Server.BaseUrl.AbsoluteUri,
             "--cache", CacheFolder, "--out", Folder.File("data")], error));
        Assert.Equal(run.DatasetHash, DatasetHash.Of(PriceFile.Load(Folder.File("data/SYN.csv"))));
    }

    private MarketDataSettings MarketDataSettingsFor(params string[] symbols) => new()
    {
        Source = "yahoo", Symbols = symbols, From = From, To = To, SourceUrl = Server.BaseUrl.AbsoluteUri, CacheFolder = CacheFolder,
    };

    private static Client.Cli.Options.OptionValues RunOptionsTestsBind(params string[] args)
    {
        var command = new System.CommandLine.Command("benchmark");
        var options = new Client.Cli.Options.CommandOptions(command, BenchmarkSettings.Options);
        return options.Bind(command.Parse(args));
    }

    // A chart answer as Yahoo's v8 API gives it, for a series' days (timestamps at 09:30 New York).
    internal static string ChartJson(PriceSeries series)
    {
        var timestamps = series.Bars.Select(b => new DateTimeOffset(b.Date.ToDateTime(new TimeOnly(14, 30)), TimeSpan.Zero).ToUnixTimeSeconds()).ToArray();
        double Or(double x, double c) => double.IsNaN(x) ? c : x;
        var quote = new
        {
            open = series.Bars.Select(b => Or(b.Open, b.Close)).ToArray(),
            high = series.Bars.Select(b => Or(b.High, b.Close)).ToArray(),
            low = series.Bars.Select(b => Or(b.Low, b.Close)).ToArray(),
            close = series.Bars.Select(b => b.Close).ToArray(),
            volume = series.Bars.Select(_ => 1000L).ToArray(),
        };
        var chart = new
        {
            chart = new
            {
                result = new[]
                {
                    new
                    {
                        meta = new { symbol = series.Instrument, gmtoffset = -18000 },
                        timestamp = timestamps,
                        indicators = new { quote = new[] { quote }, adjclose = new[] { new { adjclose = quote.close } } },
                    },
                },
                error = (object?)null,
            },
        };
        return JsonSerializer.Serialize(chart, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict })
;
    }
}
