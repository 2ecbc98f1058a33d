using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using RiskGrid.Client.Report;
using RiskGrid.Client.Store;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>
/// <c>riskgrid backtest --input FILE</c>: backtests VaR/ES forecasts made elsewhere (<see cref="ForecastCsv"/>) with the
/// benchmark's catalogue, tables and files, and records the run with the input files' SHA-256.
/// </summary>
public static class BacktestCommand
{
    /// <summary>Where a run of this command says it ran (the run store's executor).</summary>
    public const string Executor = "backtest of forecasts from files";

    public static Command Create()
    {
        var command = new Command("backtest", "Backtest VaR/ES forecasts made elsewhere (a CSV of dates, returns and var_99, es_99, ... " +
                                              "columns): the benchmark's tests, tables and files, recorded as a run.");
        var options = new CommandOptions(command, BacktestSettings.Options);
        command.SetAction((parse, cancellationToken) => CliAction.RunAsync(() =>
            RunAsync(BacktestSettings.From(options.Bind(parse)), AnsiConsole.Console, cancellationToken)));
        return command;
    }

    /// <summary>Reads, backtests and reports; every error is a message and an exit code (<see cref="CliAction"/>).</summary>
    public static Task<int> RunAsync(BacktestSettings settings, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        CliAction.RunAsync(() => RunCheckedAsync(settings, console, cancellationToken));

    private static async Task<int> RunCheckedAsync(BacktestSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var started = DateTimeOffset.UtcNow;
        OutputFolder.Check(settings.OutputDirectory);
        using var store = settings.StorePath is { } storePath ? BenchmarkRunner.OpenStore(storePath) : null;
        var files = new List<ForecastFile>();
        for (var i = 0; i < settings.Inputs.Count; i++)
        {
            var path = settings.Inputs[i];
            var model = settings.Models.Count > 0 ? settings.Models[i] : Path.GetFileNameWithoutExtension(path);
            var instrument = settings.Instruments.Count > 0 ? settings.Instruments[i] : BacktestSettings.DefaultInstrument;
            files.Add(ForecastCsv.Load(path, string.IsNullOrWhiteSpace(model) ? "model" : model, instrument, settings.ReturnQuantiles));
            cancellationToken.ThrowIfCancellationRequested();
        }

        var alphas = Levels(files, settings.Levels);
        if (!settings.SignGiven)
        {
            CheckSign(files, alphas);
        }

        foreach (var file in files)
        {
            if (file.IgnoredColumns.Count > 0)
            {
                await CliAction.Error.WriteLineAsync($"note: {OptionParsers.Printable(file.Source)}: columns not read: " +
                                                     OptionParsers.Printable(string.Join(", ", file.IgnoredColumns)));
            }

            if (file.MissingForecastDays > 0)
            {
                await CliAction.Error.WriteLineAsync($"note: {OptionParsers.Printable(file.Source)}: " +
                                                     $"{BenchmarkRunner.Plural(file.MissingForecastDays, "day")} without a forecast (empty VaR), counted as missing");
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = Runs(files, alphas);
        var report = BenchmarkReport.Build(runs, alphas);
        var elapsed = clock.Elapsed;
        var hashes = files.Select(f => Sha256(f.Source)).ToList();
        var dataHash = hashes.Count == 1 ? hashes[0]
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(files.Select((f, i) => $"{hashes[i]}  {Path.GetFileName(f.Source)}\n")))));
        var dataset = string.Join(", ", files.Select((f, i) => $"{f.Source} (sha256 {hashes[i]})"));
        var description = Describe(files, runs, alphas);

        var plain = settings.Format != OutputFormat.Table;
        var info = plain ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(CliAction.Error), Ansi = AnsiSupport.No }) : console;
        ConsoleText.WriteHeader(info, description);

        const string units = "the input's units";
        var keyResults = KeyResultsTable.Describe(report.KeyResults, units: units);
        var tests = BacktestTestsTable.Describe(report.Backtests, settings.Format);
        ResultTable[] comparison = report.Ranking.Count > 0 ? [ModelRankingTable.Describe(report.Ranking)] : [];
        if (plain)
        {
            ResultTableWriter.Write(console, settings.Format, [keyResults, tests, .. comparison]);
        }
        else
        {
            ResultTableWriter.Write(console, settings.Format, keyResults, tests);
            foreach (var reason in BacktestTestsTable.UndefinedReasons(report.Backtests))
            {
                console.MarkupLine($"[grey]undefined: {Markup.Escape(reason)}[/]");
            }

            ResultTableWriter.Write(console, settings.Format, comparison);
        }

        var written = OutputFolder.Write(settings.OutputDirectory, () => CsvResultsWriter.Write(report, settings.OutputDirectory, fits: false));
        var parameters = (settings with { Levels = alphas }).Configuration().Select(p => new RunParameter(p.Key, p.Value)).ToList();
        var header = new ReportHeader(description, null, CodeVersion.Current, dataHash, started, elapsed, parameters);
        var reportFiles = OutputFolder.Write(settings.OutputDirectory, () => HtmlReportWriter.Write(report, settings.OutputDirectory, header, written));
        OutputFolder.Write(settings.OutputDirectory, () => OutputFolder.RemoveStale(settings.OutputDirectory, [.. written, .. reportFiles]));
        info.MarkupLine($"[grey]{runs.Count.ToString("N0", CultureInfo.InvariantCulture)} series backtested.[/]");
        OutputFolder.Tell(info, settings.OutputDirectory, written, reportFiles[0]);
        if (store is null)
        {
            return ExitCodes.Ok;
        }

        var record = new RunRecord(0, started, DateTimeOffset.UtcNow, elapsed, Executor, CodeVersion.Current, dataHash, dataset,
            runs.Select(r => r.Instrument).Distinct(StringComparer.Ordinal).Count(), runs.Count, parameters,
            report.KeyResults, report.Backtests,
            [.. written.Select(f => new RunArtifact("csv", Path.GetFullPath(f))),
             new RunArtifact("report", Path.GetFullPath(reportFiles[0])),
             .. reportFiles.Skip(1).Select(f => new RunArtifact("plot", Path.GetFullPath(f))),
             .. files.Select(f => new RunArtifact("input", Path.GetFullPath(f.Source)))]);
        return RunRecording.Record(store, record, settings.OutputDirectory,
            id => HtmlReportWriter.WritePage(report, settings.OutputDirectory, header with { RunId = id }, written, reportFiles.Skip(1).ToList()),
            info, "the backtest");
    }

    /// <summary>The levels to backtest: those asked for (each must be in every file), else the files' own, which must agree.</summary>
    private static double[] Levels(IReadOnlyList<ForecastFile> files, IReadOnlyList<double> asked)
    {
        if (asked.Count > 0)
        {
            foreach (var file in files)
            {
                var absent = asked.Where(a => !file.Alphas.Contains(a)).ToList();
                if (absent.Count > 0)
                {
                    throw new DataValidationException(file.Source, 1,
                        $"has no VaR at level {Percent(absent)} (--alpha); its levels: {Percent(file.Alphas)}");
                }
            }

            return [.. asked];
        }

        var first = files[0];
        foreach (var file in files.Skip(1))
        {
            if (!file.Alphas.SequenceEqual(first.Alphas))
            {
                throw new DataValidationException(file.Source, 1,
                    $"has levels {Percent(file.Alphas)}, {Path.GetFileName(first.Source)} {Percent(first.Alphas)} (choose with --alpha)");
            }
        }

        return [.. first.Alphas];
    }

    // VaR as a positive loss is the rule; a column mostly negative at a high level is return quantiles, or a mistake.
    private static void CheckSign(IReadOnlyList<ForecastFile> files, double[] alphas)
    {
        foreach (var file in files)
        {
            foreach (var alpha in alphas.Where(a => a >= 0.9))
            {
                var k = IndexOf(file.Alphas, alpha);
                var values = file.Series.SelectMany(s => s.Forecasts).Where(f => f.IsRealized && !double.IsNaN(f.VaR[k])).Select(f => f.VaR[k]).ToList();
                var negative = values.Count(v => v < 0);
                if (values.Count > 0 && 2 * negative > values.Count)
                {
                    throw new DataValidationException(file.Source, 0,
                        $"{file.LevelColumns[k]} < 0 on {negative:N0} of {values.Count:N0} days (return quantiles? see --var-sign)");
                }
            }
        }
    }

    /// <summary>Every series as a pair run at <paramref name="alphas"/>, its backtests computed, and a test the input cannot feed
    /// (no ES column at a level, no pit or volatility column) made undefined with that reason.</summary>
    private static List<PairRun> Runs(IReadOnlyList<ForecastFile> files, double[] alphas)
    {
        var runs = new List<PairRun>();
        var seen = new Dictionary<(string, string), string>();
        foreach (var file in files)
        {
            var index = alphas.Select(a => IndexOf(file.Alphas, a)).ToArray();
            foreach (var series in file.Series)
            {
                if (!seen.TryAdd((series.Instrument, series.Model), file.Source))
                {
                    throw new DataValidationException(file.Source, series.FirstRow,
                        $"{series.Instrument} {series.Model} is also in {Path.GetFileName(seen[(series.Instrument, series.Model)])} (name models with --model)");
                }

                var forecasts = index.SequenceEqual(Enumerable.Range(0, file.Alphas.Count))
                    ? series.Forecasts
                    : [.. series.Forecasts.Select(f => f with { VaR = [.. index.Select(k => f.VaR[k])], ES = [.. index.Select(k => f.ES[k])] })];
                var summaries = Backtester.Summarize(forecasts, alphas);
                for (var level = 0; level < alphas.Length; level++)
                {
                    var missing = (file.HasES[index[level]] ? BacktestNeeds.None : BacktestNeeds.ES)
                                  | (file.HasPit ? BacktestNeeds.None : BacktestNeeds.Pit)
                                  | (file.HasVolatility ? BacktestNeeds.None : BacktestNeeds.Volatility);
                    summaries[level] = summaries[level] with { Tests = [.. summaries[level].Tests.Select(t => Feedable(t, missing))] };
                }

                runs.Add(new PairRun(series.Instrument, series.Model, forecasts, 0, 0, null, TimeSpan.Zero) { Backtests = summaries });
            }
        }

        return runs;
    }

    private static TestResult Feedable(TestResult result, BacktestNeeds missing)
    {
        var needs = BacktestCatalog.Get(result.Test).Needs & missing;
        if (needs == BacktestNeeds.None)
        {
            return result;
        }

        var lacking = new[] { (BacktestNeeds.ES, "ES column at this level"), (BacktestNeeds.Pit, "pit column"), (BacktestNeeds.Volatility, "volatility column") }
            .Where(n => needs.HasFlag(n.Item1)).Select(n => n.Item2);
        return result with
        {
            Statistic = double.NaN,
            PValues = [.. result.PValues.Select(p => p with { Value = double.NaN })],
            Undefined = $"the input has no {string.Join(" and no ", lacking)}",
        };
    }

    private static IReadOnlyList<string> Describe(IReadOnlyList<ForecastFile> files, IReadOnlyList<PairRun> runs, double[] alphas)
    {
        var days = runs.SelectMany(r => r.Forecasts).Where(f => f.TargetDate is not null).Select(f => f.TargetDate!.Value).ToList();
        var models = runs.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        var instruments = runs.Select(r => r.Instrument).Distinct(StringComparer.Ordinal).Count();
        var extra = new List<string>();
        if (files.All(f => f.HasPit))
        {
            extra.Add("PITs");
        }

        if (files.All(f => f.HasVolatility))
        {
            extra.Add("volatilities");
        }

        return
        [
            "RiskGrid backtest of forecasts made elsewhere",
            $"input    {string.Join(", ", files.Select(f => OptionParsers.Printable(f.Source)))}",
            $"series   {BenchmarkRunner.Plural(models.Count, "model")} ({OptionParsers.Printable(string.Join(", ", models))}) × " +
            $"{BenchmarkRunner.Plural(instruments, "instrument")}" +
            (days.Count > 0 ? $", {days.Min():yyyy-MM-dd} to {days.Max():yyyy-MM-dd}" : ", no realised day"),
            $"levels   {Percent(alphas)}; ES at {(files.All(f => alphas.All(a => f.HasES[IndexOf(f.Alphas, a)])) ? "every level" : "some levels")}" +
            (extra.Count > 0 ? $"; with {string.Join(" and ", extra)}" : string.Empty),
        ];
    }

    private static int IndexOf(IReadOnlyList<double> alphas, double alpha)
    {
        for (var k = 0; k < alphas.Count; k++)
        {
            if (alphas[k].Equals(alpha))
            {
                return k;
            }
        }

        return -1;
    }

    private static string Percent(IEnumerable<double> alphas) =>
        string.Join(", ", alphas.Select(a => (100 * a).ToString("0.###", CultureInfo.InvariantCulture) + "%"));

    private static string Sha256(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataValidationException(path, 0, $"cannot read the file: {ex.Message}");
        }
    }
}
