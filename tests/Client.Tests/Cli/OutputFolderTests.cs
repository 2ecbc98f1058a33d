using RiskGrid.Client.Cli;
using Spectre.Console.Testing;
using Xunit;

namespace RiskGrid.Client.Tests.Cli;

public class OutputFolderTests
{
    private static readonly string[] Names =
    [
        "forecasts.csv", "backtests.csv", "tests.csv", "key-results.csv", "key-results-tests.csv", "fits.csv",
        "comparison.csv", "murphy.csv", "portfolio-forecasts.csv", "portfolio-backtests.csv", "portfolio-key-results.csv",
    ];

    [Fact]
    public void The_files_are_named_relative_to_the_folder_on_lines_of_at_most_80_columns()
    {
        var folder = Path.Combine("results", "run-with-a-long-name");
        var files = Names.Select(n => Path.Combine(folder, n)).ToList();

        var lines = OutputFolder.Describe(folder, files, Path.Combine(folder, "report.html"));

        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.True(lines.Count >= 3);
        Assert.StartsWith($"Results in {folder}{Path.DirectorySeparatorChar}: forecasts.csv,", lines[0]);
        Assert.Equal($"Report: {Path.Combine(folder, "report.html")}", lines[^1]);
        // Every name once, in order, comma-separated, wrapped lines indented by two spaces.
        Assert.All(lines.Skip(1).SkipLast(1), l => Assert.StartsWith("  ", l));
        var listed = string.Join(' ', lines.SkipLast(1)).Split(':', 2)[1]
            .Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(Names, listed);
    }

    [Fact]
    public void A_file_outside_the_folder_keeps_its_path()
    {
        var outside = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "elsewhere.csv"));
        var lines = OutputFolder.Describe("results", [Path.Combine("results", "tests.csv"), outside], "results/report.html");
        Assert.Contains($"tests.csv, {outside}", string.Join(' ', lines));
    }
}

public class ConsoleTextTests
{
    [Fact]
    public void A_header_line_wraps_at_80_columns_under_its_value()
    {
        var models = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"model-{i}"));
        var console = new TestConsole().Width(400);

        ConsoleText.WriteHeader(console, ["Title", $"models   {models}", "window   250"]);

        var lines = console.Output.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Title", lines[0]);
        Assert.StartsWith("  models   model-1, model-2,", lines[1]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        var continued = lines.Skip(2).TakeWhile(l => l.StartsWith("           ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(continued);
        Assert.All(continued, l => Assert.NotEqual(' ', l[11]));
        Assert.Equal(models, string.Join(' ', new[] { lines[1][11..] }.Concat(continued.Select(l => l[11..]))));
        Assert.Equal("  window   250", lines[^1]);
    }

    [Fact]
    public void A_word_longer_than_a_line_stays_whole()
    {
        var word = new string('x', 100);
        Assert.Equal(["a: " + word, "  b"], ConsoleText.Wrap($"{word} b", "a:"));
    }
}
