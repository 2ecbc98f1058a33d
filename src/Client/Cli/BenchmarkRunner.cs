using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RiskGrid.Client.Output;
using RiskGrid.Client.Report;
using RiskGrid.Client.Store;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Loads the data, runs the rolling forecasts on an executor, and reports the results: console
/// tables, CSV files, the HTML report, and a record in the run store when one is set.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(BenchmarkSettings settings, IBenchmarkExecutor executor,
        CancellationToken cancellationToken, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var started = DateTimeOffset.UtcNow;
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

        var description = Describe(universe, settings, executor);
        console.MarkupLine($"[bold]{Markup.Escape(description[0])}[/]");
        foreach (var line in description.Skip(1))
        {
            console.MarkupLine("  " + Markup.Escape(line));
        }

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
        var dataHash = DatasetHash.Of(universe);
        var parameters = RunParameters.From(settings);
        var header = new ReportHeader(description, null, CodeVersion.Current, dataHash, started, elapsed, parameters);
        var reportFiles = HtmlReportWriter.Write(report, settings.OutputDirectory, header, files);
        console.MarkupLine($"[grey]{runs.Count} pairs in {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s. " +
                           $"Results: {Markup.Escape(string.Join(", ", files))}. Report: {Markup.Escape(reportFiles[0])}[/]");
        if (settings.StorePath is not { } storePath)
        {
            return ExitCodes.Ok;
        }

        var record = new RunRecord(0, started, DateTimeOffset.UtcNow, elapsed, executor.Description, CodeVersion.Current,
            dataHash, Dataset(universe, settings), universe.Count, runs.Count, parameters,
            report.KeyResults, report.Backtests,
            [.. files.Select(f => new RunArtifact("csv", Path.GetFullPath(f))),
             new RunArtifact("report", Path.GetFullPath(reportFiles[0])),
             .. reportFiles.Skip(1).Select(f => new RunArtifact("plot", Path.GetFullPath(f)))]);
        // The page names the run's id, known once it is recorded: rewrite the page (not the charts) with it.
        return await RecordAsync(console, storePath, record,
            id => HtmlReportWriter.WritePage(report, settings.OutputDirectory, header with { RunId = id }, files, reportFiles.Skip(1).ToList()));
    }

    private static async Task<int> RecordAsync(IAnsiConsole console, string storePath, RunRecord record, Action<long> recorded)
    {
        try
        {
            using var store = RunStore.Open(storePath);
            var id = store.Add(record);
            recorded(id);
            console.MarkupLine($"[grey]Recorded as run {id} in {Markup.Escape(store.Path)} (riskgrid runs show {id}).[/]");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is RunStoreException or SqliteException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: the run finished but could not be recorded in {storePath}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The run header: title line, then data, models and window (also the report's subtitle).</summary>
    private static IReadOnlyList<string> Describe(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings, IBenchmarkExecutor executor)
    {
        var o = settings.Rolling;
        return
        [
            $"RiskGrid benchmark on {executor.Description}",
            $"data     {Dataset(universe, settings)}",
            $"models   {string.Join(", ", settings.Models)}",
            $"window   {o.Window} returns ({o.ReturnKind.ToString().ToLowerInvariant()}, %), refit every {o.RefitEvery} day(s), " +
            $"levels {string.Join(", ", o.Alphas.Select(a => a.ToString(CultureInfo.InvariantCulture)))}",
        ];
    }

    private static string Dataset(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings)
    {
        var source = settings.DataFiles.Count == 0
            ? $"built-in synthetic universe, {universe[0].Source}"
            : string.Join(", ", settings.DataFiles);
        return $"{source}: {universe.Count} instrument(s), {universe.Min(s => s.Count)}–{universe.Max(s => s.Count)} prices, " +
               $"{universe.Min(s => s.Bars[0].Date):yyyy-MM-dd} to {universe.Max(s => s.Bars[^1].Date):yyyy-MM-dd}";
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
