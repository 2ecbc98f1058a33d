using System.Diagnostics;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using Spectre.Console;

namespace RiskGrid.GridBench;

/// <summary>
/// <c>riskgrid benchmark</c> with its defaults (every default model, the built-in synthetic universe, backtests,
/// CSV files and the report), once on the Core engine and once through an embedded grid, side by side; the two
/// output folders must hold the same CSV files byte for byte.
/// </summary>
public static class DefaultBenchmark
{
    public static async Task<(TimeSpan Core, TimeSpan Grid)> RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("riskgrid-gridbench-");
        try
        {
            var core = await TimeAsync(Path.Combine(root.FullName, "core"), new CoreEngineExecutor());
            var settings = Settings(Path.Combine(root.FullName, "grid"));
            var grid = await TimeAsync(settings.OutputDirectory, new GridEngineExecutor(null, "gridbench-default", settings.DaysPerPush, reset: true));
            foreach (var file in new[] { CsvResultsWriter.ForecastsFile, CsvResultsWriter.BacktestsFile, CsvResultsWriter.KeyResultsFile, CsvResultsWriter.FitsFile, CsvResultsWriter.ComparisonFile })
            {
                if (await File.ReadAllTextAsync(Path.Combine(root.FullName, "core", file)) != await File.ReadAllTextAsync(Path.Combine(root.FullName, "grid", file)))
                {
                    throw new InvalidOperationException($"default benchmark: {file} differs between the grid and the core engine");
                }
            }

            return (core, grid);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static BenchmarkSettings Settings(string output) =>
        BenchmarkSettings.From(OptionValues.Defaults(BenchmarkSettings.Options)) with { OutputDirectory = output, StorePath = null };

    private static async Task<TimeSpan> TimeAsync(string output, IBenchmarkExecutor executor)
    {
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var clock = Stopwatch.StartNew();
        var code = await BenchmarkRunner.RunAsync(Settings(output), executor, CancellationToken.None, quiet);
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"default benchmark on {executor.Description} exited with {code}");
        }

        return clock.Elapsed;
    }
}
