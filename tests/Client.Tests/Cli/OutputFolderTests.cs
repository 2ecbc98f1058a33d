using RiskGrid.Client.Cli;
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
