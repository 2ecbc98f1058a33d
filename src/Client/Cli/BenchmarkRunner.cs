using System.Diagnostics;
using System.Globalization;
using RiskGrid.Client.Output;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>Loads the data, runs the rolling forecasts on an executor, and reports the results.</summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(BenchmarkSettings settings, IBenchmarkExecutor executor,
        CancellationToken cancellationToken, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        IReadOnlyList<PriceSeries> universe;
        try
        {
            universe = DataSources.Load(settings);
            foreach (var series in universe)
            {
                RollingEngine.CheckLength(series, settings.Rolling);
            }
        }
        catch (DataValidationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadData;
        }

        WriteHeader(console, universe, settings, executor);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<PairRun> runs;
        try
        {
            using var progress = new ConsoleProgress();
            runs = await executor.RunAsync(universe, settings, progress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadArguments;
        }
        catch (Exception ex) when (ex is RiskGridException or RiskGridConnectionException)
        {
            // The grid refused the run (e.g. a cluster's pairs hold other settings) or could not be reached.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex is PriceRejectedException ? ExitCodes.BadData : ExitCodes.Failed;
        }

        var elapsed = clock.Elapsed;
        var report = BenchmarkReport.Build(runs, settings.Rolling.Alphas);
        console.Write(KeyResultsTable.Build(report.KeyResults));
        if (report.Ranking.Count > 0)
        {
            console.Write(ModelRankingTable.Build(report.Ranking));
        }

        WriteFitSummary(console, runs);
        var files = CsvResultsWriter.Write(report, settings.OutputDirectory);
        console.MarkupLine($"[grey]{runs.Count} pairs in {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s. " +
                           $"Results: {Markup.Escape(string.Join(", ", files))}[/]");
        return ExitCodes.Ok;
    }

    private static void WriteHeader(IAnsiConsole console, IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IBenchmarkExecutor executor)
    {
        var source = settings.DataFiles.Count == 0
            ? $"built-in synthetic universe, {universe[0].Source}"
            : string.Join(", ", settings.DataFiles);
        var o = settings.Rolling;
        console.MarkupLine($"[bold]RiskGrid benchmark[/] on {Markup.Escape(executor.Description)}");
        console.MarkupLine($"  data     {Markup.Escape(source)}: {universe.Count} instrument(s), " +
                           $"{universe.Min(s => s.Count)}–{universe.Max(s => s.Count)} prices, " +
                           $"{universe.Min(s => s.Bars[0].Date):yyyy-MM-dd} to {universe.Max(s => s.Bars[^1].Date):yyyy-MM-dd}");
        console.MarkupLine($"  models   {Markup.Escape(string.Join(", ", settings.Models))}");
        console.MarkupLine($"  window   {o.Window} returns ({o.ReturnKind.ToString().ToLowerInvariant()}, %), refit every {o.RefitEvery} day(s), " +
                           $"levels {string.Join(", ", o.Alphas.Select(a => a.ToString(CultureInfo.InvariantCulture)))}");
    }

    private static void WriteFitSummary(IAnsiConsole console, IReadOnlyList<PairRun> runs)
    {
        foreach (var model in runs.GroupBy(r => r.Model))
        {
            var attempts = model.Sum(r => r.State.FitAttempts);
            var failures = model.Sum(r => r.State.FitFailures);
            if (failures > 0)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(model.Key)}: {failures} of {attempts} fits failed; " +
                                   "the previous fit was reused (see fits.csv and fit_status in forecasts.csv)[/]");
            }
        }
    }
}
