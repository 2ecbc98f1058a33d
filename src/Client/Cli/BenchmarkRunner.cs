using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RiskGrid.Client.MarketData;
using RiskGrid.Client.Output;
using RiskGrid.Client.Report;
using RiskGrid.Client.Store;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Loads the data, runs the rolling forecasts on an executor, and reports the results: console
/// tables, CSV files, the HTML report, and a record in the run store when one is set.
/// </summary>
public static class BenchmarkRunner
{
    public static Task<int> RunAsync(BenchmarkSettings settings, IBenchmarkExecutor executor,
        CancellationToken cancellationToken, IAnsiConsole? console = null) =>
        CliAction.RunAsync(() => RunCheckedAsync(settings, executor, cancellationToken, console ?? AnsiConsole.Console));

    private static async Task<int> RunCheckedAsync(BenchmarkSettings settings, IBenchmarkExecutor executor,
        CancellationToken cancellationToken, IAnsiConsole console)
    {
        var started = DateTimeOffset.UtcNow;
        // Everything that can be checked before the computation is: the data, the output folder, the run store.
        OutputFolder.Check(settings.OutputDirectory);
        using var store = settings.StorePath is { } storePath ? OpenStore(storePath) : null;
        var (universe, fetched) = await DataSources.LoadAsync(settings, cancellationToken);
        foreach (var note in fetched.SelectMany(f => f.Notes.Select(n => $"{f.Source} {Options.OptionParsers.Printable(f.Symbol)}: {n}")))
        {
            await CliAction.Error.WriteLineAsync($"note: {note}");
        }

        foreach (var series in universe)
        {
            RollingEngine.CheckLength(series, settings.Rolling);
        }

        await CheckQualityAsync(universe, settings);
        if (settings.Weights.Count > 0)
        {
            PortfolioReport.Members(universe, settings.Weights); // an unknown instrument is refused before the computation
        }

        var description = Describe(universe, settings, executor);
        var plain = settings.Format != OutputFormat.Table;
        // With a plain --format, stdout carries only the tables: the header and the closing lines go to stderr.
        var info = plain ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(CliAction.Error), Ansi = AnsiSupport.No }) : console;
        ConsoleText.WriteHeader(info, description);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<PairRun> runs;
        // The backtests are the run's second phase; the probe times them on this machine, so the time left covers them.
        // (A pair's observations: its forecast days but the last, not yet realised.)
        var probe = new BacktestTimeProbe(
            [.. universe.SelectMany(series => settings.Models.Select(_ => EngineProgress.ForecastDays(series.Count, settings.Rolling.Window) - 1))],
            settings.Rolling.Alphas, settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount);
        using (var progress = new ConsoleProgress(backtests: probe))
        {
            runs = await executor.RunAsync(universe, settings, progress, cancellationToken);
        }

        var elapsed = clock.Elapsed;
        var report = BenchmarkReport.Build(runs, settings.Rolling.Alphas);
        if (settings.Weights.Count > 0)
        {
            report = report with { Portfolio = PortfolioReport.Build(universe, runs, settings.Weights, settings.Models[0], settings.Rolling) };
        }

        ResultTableWriter.Write(console, settings.Format,
            [KeyResultsTable.Describe(report.KeyResults), .. report.Ranking.Count > 0 ? [ModelRankingTable.Describe(report.Ranking)] : Array.Empty<ResultTable>()]);
        if (report.Portfolio is { } portfolio)
        {
            info.MarkupLine($"[bold]Portfolio routes[/] ({Markup.Escape(portfolio.Description)}; fhs, varcov and dcc driven by {Markup.Escape(portfolio.Model)})");
            ResultTableWriter.Write(console, settings.Format, [KeyResultsTable.Describe(portfolio.Routes.KeyResults)]);
        }

        WriteFitSummary(info, runs);
        var files = OutputFolder.Write(settings.OutputDirectory, () => CsvResultsWriter.Write(report, settings.OutputDirectory));
        var history = settings.OpenMetricsHistory
            ? OutputFolder.Write(settings.OutputDirectory, () => OpenMetricsHistoryWriter.Write(report, settings.Universe, settings.OutputDirectory))
            : null;
        var dataHash = DatasetHash.Of(universe);
        var parameters = RunParameters.From(settings);
        var header = new ReportHeader(description, null, CodeVersion.Current, dataHash, started, elapsed, parameters);
        var reportFiles = OutputFolder.Write(settings.OutputDirectory, () => HtmlReportWriter.Write(report, settings.OutputDirectory, header, files));
        OutputFolder.Write(settings.OutputDirectory, () => OutputFolder.RemoveStale(settings.OutputDirectory, [.. files, .. reportFiles, .. (history is null ? [] : new[] { history })]));
        info.MarkupLine($"[grey]{Plural(runs.Count, "pair")} in {elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s.[/]");
        OutputFolder.Tell(info, settings.OutputDirectory, files, reportFiles[0]);
        if (history is not null)
        {
            info.MarkupLine($"[grey]History for Prometheus's backfill: {Markup.Escape(history)} " +
                               $"(promtool tsdb create-blocks-from openmetrics --max-block-duration=39366h {Markup.Escape(history)} DIR).[/]");
        }

        if (store is null)
        {
            return ExitCodes.Ok;
        }

        var record = new RunRecord(0, started, DateTimeOffset.UtcNow, elapsed, executor.Description, CodeVersion.Current,
            dataHash, Dataset(universe, settings, fetched), universe.Count, runs.Count, parameters,
            report.KeyResults, report.Backtests,
            [.. files.Select(f => new RunArtifact("csv", Path.GetFullPath(f))),
             .. (history is null ? [] : new[] { new RunArtifact("openmetrics", Path.GetFullPath(history)) }),
             new RunArtifact("report", Path.GetFullPath(reportFiles[0])),
             .. reportFiles.Skip(1).Select(f => new RunArtifact("plot", Path.GetFullPath(f))),
             .. fetched.SelectMany(f => f.Raw).Select(r => new RunArtifact("raw", r.CachePath))])
        {
            Comparison = report.Ranking,
        };
        // The page names the run's id, known once it is recorded.
        return RunRecording.Record(store, record, settings.OutputDirectory,
            id => HtmlReportWriter.WritePage(report, settings.OutputDirectory, header with { RunId = id }, files, reportFiles.Skip(1).ToList()),
            info, "the run");
    }

    // Flags (or, when asked, refuses) prices that load but look wrong; the synthetic universe is not checked.
    private static async Task CheckQualityAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings)
    {
        if (settings.DataFiles.Count == 0 && settings.MarketData is null)
        {
            return;
        }

        var issues = universe.SelectMany(s => DataQuality.Check(s, settings.MaxMove)).ToList();
        if (issues.Count == 0)
        {
            return;
        }

        if (settings.RefuseMoves)
        {
            throw new DataValidationException(issues[0].Source, 0,
                $"fails the data-quality check (--refuse-moves): {issues[0].Instrument} {issues[0].Date:yyyy-MM-dd}: {issues[0].Problem}" +
                (issues.Count > 1 ? $"; {issues.Count - 1} more issue(s)" : ""));
        }

        foreach (var issue in issues.Take(10))
        {
            await CliAction.Error.WriteLineAsync($"warning: {issue}");
        }

        await CliAction.Error.WriteLineAsync($"warning: {Plural(issues.Count, "data-quality issue")} (--max-move sets the threshold, --refuse-moves refuses such data)");
    }

    internal static string Plural(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    // Opened, and its schema checked, before the computation: a corrupt or unwritable store is found out at once.
    internal static RunStore OpenStore(string path)
    {
        try
        {
            var store = RunStore.Open(path);
            store.CheckWritable();
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException($"the run store {path} cannot be used: {ex.Message}", ex);
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
            $"window   {o.Window} returns ({o.ReturnKind.ToString().ToLowerInvariant()}, %), " +
            $"levels {string.Join(", ", o.Alphas.Select(a => a.ToString(CultureInfo.InvariantCulture)))}",
            $"refits   {Refits(settings)}",
            .. settings.Weights.Count == 0 ? Array.Empty<string>() :
                [$"portfolio {string.Join(", ", settings.Weights.Select(w => $"{w.Instrument}={w.Weight.ToString("R", CultureInfo.InvariantCulture)}"))}, routes hs, fhs, varcov, dcc (driven by {settings.Models[0]})"],
        ];
    }

    /// <summary>What each model re-estimates and how often, e.g. <c>ewma, garch-t refit every day; lstm retrains every 250 days</c>.</summary>
    internal static string Refits(BenchmarkSettings settings)
    {
        var info = ModelCatalog.Describe(settings.ModelSettings).ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
        var groups = settings.Models.GroupBy(name =>
        {
            var model = ModelCatalog.Create(name, settings.ModelSettings);
            var every = model.RefitInterval ?? settings.Rolling.RefitEvery;
            var days = every == 1 ? "every day" : $"every {every.ToString("N0", CultureInfo.InvariantCulture)} days";
            return info.TryGetValue(name, out var m) && m.Trained ? $"retrain{{s}} {days}"
                : model.ParameterNames.Count == 0 ? "re-read{s} the window every day (no parameters)"
                : $"refit{{s}} {days}";
        });
        return string.Join("; ", groups.Select(g => $"{string.Join(", ", g)} {g.Key.Replace("{s}", g.Count() == 1 ? "s" : "", StringComparison.Ordinal)}"));
    }

    private static string Dataset(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings, IReadOnlyList<FetchedSeries>? fetched = null)
    {
        var source = settings.MarketData is { } download
            ? $"{download.Source} {string.Join(",", download.Symbols)} ({download.From:yyyy-MM-dd} to {download.To:yyyy-MM-dd}" +
              (fetched is { Count: > 0 } ? $"; raw sha256 {string.Join(", ", fetched.Select(f => $"{f.Symbol} {f.RawHashes}"))})" : ")")
            : settings.DataFiles.Count == 0
            ? $"built-in synthetic universe, {universe[0].Source}"
            : string.Join(", ", settings.DataFiles);
        return $"{source}: {universe.Count} instrument(s), {universe.Min(s => s.Count)}–{universe.Max(s => s.Count)} prices, " +
               $"{universe.Min(s => s.Bars[0].Date):yyyy-MM-dd} to {universe.Max(s => s.Bars[^1].Date):yyyy-MM-dd}";
    }

    private static void WriteFitSummary(IAnsiConsole console, IReadOnlyList<PairRun> runs)
    {
        foreach (var model in runs.GroupBy(r => r.Model))
        {
            var attempts = model.Sum(r => r.FitAttempts);
            var failures = model.Sum(r => r.FitFailures);
            if (failures > 0)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(model.Key)}: {failures} of {attempts} fits failed; " +
                                   "the previous fit was reused (see fits.csv and fit_status in forecasts.csv)[/]");
            }
        }
    }
}
