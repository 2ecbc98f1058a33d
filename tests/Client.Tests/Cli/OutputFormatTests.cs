using System.Text.Json;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using Spectre.Console;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Cli;

public sealed class OutputFormatTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-format-");

    public void Dispose() => _dir.Dispose();

    private BenchmarkSettings Small(OutputFormat format) => new()
    {
        Models = ["hs", "normal", "ewma"],
        Rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] },
        SyntheticInstruments = 3,
        SyntheticDays = 320,
        OutputDirectory = _dir.File("out"),
        Format = format,
    };

    private static KeyResultsRow Row(string model, int observations, int green) =>
        new(model, 0.99, 1, observations, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, green, 0, 0, []);

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(250)]
    public async Task Key_results_fit_the_terminal_width_and_no_header_or_number_is_cut(int width)
    {
        var console = new TestConsole().Width(width);

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(Small(OutputFormat.Table), new CoreEngineExecutor(), CancellationToken.None, console));

        var lines = console.Output.Split('\n');
        var table = lines.SkipWhile(l => !l.Contains("Key Results")).TakeWhile(l => !l.Contains("Model comparison")).ToList();
        Assert.All(table, l => Assert.True(l.TrimEnd().Length <= width, $"{l.TrimEnd().Length} > {width}: {l}"));
        Assert.DoesNotContain("…", string.Join("\n", table));
        Assert.Contains(table, l => l.Contains("Model") && (l.Contains("Traffic light") || l.Contains("G/Y/R")));
        // Each model × level is one line: nothing wraps.
        Assert.Equal(6, table.Count(l => l.Contains("95.0%") || l.Contains("99.0%")));
        if (width < ResultTableWriter.NarrowWidth)
        {
            Assert.Contains("left out", console.Output);
        }
        else if (width == 250)
        {
            Assert.DoesNotContain("left out", console.Output);
        }
    }

    [Fact]
    public async Task Benchmark_csv_output_is_the_tables_alone_with_every_column()
    {
        var console = new TestConsole().Width(80);

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(Small(OutputFormat.Csv), new CoreEngineExecutor(), CancellationToken.None, console));

        var lines = console.Output.Split('\n');
        Assert.StartsWith("Model,Level,Obs,Exceptions,Exc. rate,Viol. ratio,", lines[0]);
        Assert.EndsWith(",Tick loss,Traffic light (G/Y/R)", lines[0]);
        Assert.Equal(1 + 6, lines.TakeWhile(l => l.Length > 0).Count());
        Assert.DoesNotContain("RiskGrid benchmark", console.Output); // the header went to stderr
        Assert.DoesNotContain("[", console.Output);                 // no markup
        Assert.Contains("Level,Model,Mean rank", console.Output);
    }

    [Fact]
    public void Json_and_markdown_carry_the_same_rows_with_n_a_as_null()
    {
        var table = KeyResultsTable.Describe([Row("hs", 250, 1), Row("empty", 0, 0)]);

        using var json = JsonDocument.Parse(ResultTableWriter.Plain(OutputFormat.Json, table));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("hs", rows[0].GetProperty("model").GetString());
        Assert.Equal(250, rows[0].GetProperty("obs").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("exc_rate").ValueKind);
        Assert.Equal("green", rows[0].GetProperty("traffic_light").GetString());

        var markdown = ResultTableWriter.Plain(OutputFormat.Markdown, table).Split('\n');
        Assert.Equal("**Key Results**", markdown[0]);
        Assert.StartsWith("| Model | Level | Obs |", markdown[2]);
        Assert.StartsWith("| --- | ---: | ---: |", markdown[3]);
        Assert.Equal(2, markdown.Count(l => l.StartsWith("| hs |", StringComparison.Ordinal) || l.StartsWith("| empty |", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_pair_with_no_observations_has_no_zone_never_green()
    {
        var table = KeyResultsTable.Describe([Row("empty", 0, 0)]);
        Assert.Equal("n/a", Markup.Remove(table.Rows[0][^1]));

        // Pooled, the empty pair is not counted green.
        var losses = Enumerable.Range(0, 100).Select(i => (i % 7) - 3.0).ToArray();
        var var99 = Enumerable.Repeat(10.0, 100).ToArray();
        var empty = Backtester.Summarize([], [], [], 0, 0.99);
        var full = Backtester.Summarize(losses, var99, var99, 0, 0.99);
        var row = KeyResults.Aggregate([new PairBacktest("A", "hs", empty), new PairBacktest("B", "hs", full)]).Single();
        Assert.Equal((1, 0, 0), (row.Green, row.Yellow, row.Red));
    }

    [Fact]
    public async Task Runs_list_and_show_print_json_and_csv()
    {
        var settings = Small(OutputFormat.Table) with { StorePath = _dir.File("runs.db"), Models = ["hs"] };
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
        using var store = RiskGrid.Client.Store.RunStore.Open(settings.StorePath);

        var listed = new TestConsole().Width(80);
        RunsTables.List(listed, store, 10, OutputFormat.Json);
        using var json = JsonDocument.Parse(listed.Output);
        var run = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(1, run.GetProperty("id").GetDouble());
        Assert.Equal(64, run.GetProperty("data_hash").GetString()!.Length); // the whole hash, not the table's 12 characters

        var shown = new TestConsole().Width(80);
        RunsTables.Show(shown, store.Get(1), OutputFormat.Csv);
        var blocks = shown.Output.Split("\n\n");
        Assert.Equal(4, blocks.Length); // run, parameters, key results, artifacts
        Assert.StartsWith("Field,Value\n", blocks[0]);
        Assert.Contains("--window,250", blocks[1]);
        Assert.StartsWith("Model,Level,Obs", blocks[2]);
    }
}
