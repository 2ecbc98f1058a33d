using System.CommandLine;
using System.Globalization;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid query …</c>: reads forecasts, backtests, pairs, universes and portfolios from a running cluster.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var command = new Command("query", "Query a running cluster (forecast, backtest, pair, universe, portfolio).");
        command.Subcommands.Add(Pair("forecast", "Next-day VaR/ES of a pair at any level, from its current window and last fit.",
            async (client, universe, instrument, model, alpha, output, ct) =>
            {
                var f = await client.GetForecastAsync(universe, instrument, model, alpha, ct);
                if (f is null)
                {
                    output.Info($"[yellow]{Markup.Escape(PairKey.Of(universe, instrument, model))} has no forecast yet (its window is filling)[/]");
                    return;
                }

                var table = new ResultTable("forecast", $"{Markup.Escape(PairKey.Of(universe, f.Instrument, f.Model))}: forecast for the day after {f.AsOf:yyyy-MM-dd}",
                    [new("Level", true), new("VaR %", true), new("ES %", true), new("Mean %", true, 2), new("Volatility %", true, 1), new("Fit", false, 3), new("Forecasts since fit", true, 4, "Age")]);
                table.Add(Level(f.Alpha), N(f.VaR), N(f.ES), N(f.Mean), N(f.Volatility), f.FitStatus.ToString(), f.FitAge.ToString(CultureInfo.InvariantCulture));
                output.Tables(table);
            }));
        command.Subcommands.Add(Pair("backtest", "Backtest of a pair's recorded forecasts at one of its levels.",
            async (client, universe, instrument, model, alpha, output, ct) =>
            {
                var b = await client.GetBacktestAsync(universe, instrument, model, alpha, ct);
                output.Tables(BacktestTables($"{PairKey.Of(universe, instrument, model)} backtest", [b]));
            }));
        command.Subcommands.Add(Pair("pair", "Settings, progress and last fit of a pair.",
            async (client, universe, instrument, model, _, output, ct) =>
            {
                var s = await client.GetPairStatusAsync(universe, instrument, model, ct);
                var table = new ResultTable("pair", Markup.Escape(PairKey.Of(universe, s.Instrument, s.Model)), [new("Field"), new("Value")]);
                table.Add("settings", Markup.Escape(s.Settings?.ToString() ?? "not configured"));
                table.Add("prices", $"{s.BarsSeen:N0} ({s.FirstDate:yyyy-MM-dd} to {s.LastDate:yyyy-MM-dd})");
                table.Add("forecasts", $"{s.Forecasts:N0} ({s.RealizedForecasts:N0} realised)");
                table.Add("fits", $"{s.FitAttempts:N0} attempted, {s.FitFailures:N0} failed, {s.FitTime.TotalSeconds:0.00} s");
                if (s.TrainedOn is { } silo)
                {
                    table.Add("trained on", Markup.Escape($"{silo} ({(s.TrainedOnGpu ? "gpu" : "no gpu")})"));
                }
                if (s.LastFit is { } fit)
                {
                    table.Add("last fit", Markup.Escape($"{fit.Status}: " + string.Join(", ",
                        fit.Parameters.Select((p, i) => $"{(i < fit.ParameterNames.Length ? fit.ParameterNames[i] : $"p{i}")}={p.ToString("G6", CultureInfo.InvariantCulture)}"))));
                }

                output.Tables(table);
            }));
        command.Subcommands.Add(Universe());
        command.Subcommands.Add(History());
        command.Subcommands.Add(Portfolio());
        return command;
    }

    /// <summary>The reports' descriptive figures, one row per level, then every catalogued test, one row per level and test.</summary>
    internal static ResultTable[] BacktestTables(string title, IEnumerable<BacktestReport> reports)
    {
        var list = reports.ToList();
        var table = new ResultTable("backtest", Markup.Escape(title),
            [new("Level", true), new("Obs", true), new("Missing", true, 2), new("Exceptions", true, 0, "Exc."), new("Rate", true), new("Avg VaR", true, 1), new("Avg ES", true, 1), new("Zone (250 d)", false, 0, "Zone")]);
        var tests = new ResultTable("tests", Markup.Escape(title + ": tests"),
            [new("Level", true), new("Test"), new("Statistic", true), new("df", true, 2), new("p-values"), new("Note", false, 1)]);
        foreach (var b in list)
        {
            // No observations: no zone (n/a), never green.
            table.Add(Level(b.Alpha), $"{b.Observations:N0}", $"{b.MissingForecasts:N0}", $"{b.Exceptions:N0}", Rate(b.ExceptionRate),
                N(b.AverageVaR), N(b.AverageES), b.Observations == 0 ? Cells.Number(null, 0) : $"{b.TrafficLight.Zone} ({b.TrafficLight.Exceptions})");
            foreach (var t in b.Tests)
            {
                tests.Add(Level(b.Alpha), Markup.Escape(t.Test), N(t.Statistic), t.DegreesOfFreedom > 0 ? $"{t.DegreesOfFreedom}" : string.Empty,
                    string.Join(", ", t.PValues.Select(p => $"{Markup.Escape(p.Method)} {Cells.PValue(p.Value)}")),
                    Markup.Escape(t.Undefined ?? string.Empty));
            }
        }

        return [table, tests];
    }

    private static readonly RunOption<string> Instrument = OptionParsers.Text("instrument",
        "Instrument name, as the universe holds it (a file's name upper-cased, e.g. SP500; see riskgrid query universe).", "");

    private static readonly RunOption<string> ModelName = OptionParsers.Text("model", "Model name.", "");

    private static readonly RunOption<double> AlphaLevel = new("alpha", "Confidence level.", OptionShape.Value, 0.99,
        t => OptionParsers.ParseLevels("alpha", t) is [var a] ? a : throw new ArgumentException("--alpha: one level is expected"),
        a => a.ToString("R", CultureInfo.InvariantCulture));

    private static Command Pair(string name, string description, Func<RiskGridClient, string, string, string, double, QueryOutput, CancellationToken, Task> show) =>
        Query(name, description, [RunOptions.Universe, Instrument, ModelName, AlphaLevel],
            (client, values, output, ct) => show(client, values.Get(RunOptions.Universe), values.Require(Instrument), values.Require(ModelName), values.Get(AlphaLevel), output, ct));

    private static Command Universe()
    {
        return Query("universe", "Progress, per-model exception rates and Basel zone counts of a universe.", [RunOptions.Universe], async (client, values, output, ct) =>
        {
            var s = await client.GetUniverseSummaryAsync(values.Get(RunOptions.Universe), ct);
            var d = s.Definition;
            output.Info($"[bold]{Markup.Escape(d.Universe)}[/]: {d.Instruments.Length} instruments × {d.Models.Length} models; " +
                                   Markup.Escape(d.Settings?.ToString() ?? "not configured"));
            output.Info($"  prices {s.Progress.PricesAccepted:N0}, pair updates {s.Progress.PairUpdates:N0}, " +
                                   $"last date {s.Progress.LatestLastDate:yyyy-MM-dd} ({s.Progress.InstrumentsBehind} instrument(s) behind)");
            var table = new ResultTable("models", $"[bold]{Markup.Escape(d.Universe)}[/]",
                [new("Model"), new("Level", true), new("Obs", true), new("Exceptions", true, 0, "Exc."), new("Rate", true), new("Expected", true, 2), new("Green", true),
                 new("Yellow", true), new("Red", true), new("Fit failures", true, 1, "Fails")]);
            foreach (var m in s.Models)
            {
                foreach (var l in m.Levels)
                {
                    table.Add(Markup.Escape(m.Model), Level(l.Alpha), $"{l.Observations:N0}", $"{l.Exceptions:N0}", Rate(l.ExceptionRate), Rate(l.ExpectedRate),
                        $"{l.Green}", $"{l.Yellow}", $"{l.Red}", $"{m.FitFailures:N0}");
                }
            }

            output.Tables(table);
        });
    }

    private static readonly RunOption<string> HistoryFile = OptionParsers.Text("out",
        "OpenMetrics file to write (README: the historical view).", OpenMetricsHistoryWriter.FileName);

    /// <summary>A universe's whole forecast history as OpenMetrics text stamped with its own days, for promtool's
    /// backfill: the historical view of what was pushed to a cluster, like <c>benchmark --openmetrics</c>.</summary>
    private static Command History()
    {
        return Query("history", "Write every pair's forecast history as OpenMetrics text stamped with its own days, for Prometheus's backfill.",
            [RunOptions.Universe, HistoryFile], async (client, values, output, ct) =>
            {
                var universe = values.Get(RunOptions.Universe);
                var definition = await client.GetUniverseAsync(universe, ct);
                if (definition.Settings is not { } settings)
                {
                    throw new ArgumentException($"--universe: '{OptionParsers.Printable(universe)}' is not defined on this cluster (push to it first)");
                }

                var runs = await GridEngineExecutor.ReadPairsAsync(client, universe, definition.Instruments, definition.Models, ct);
                var path = values.Get(HistoryFile);
                var full = Path.GetFullPath(path);
                try
                {
                    OpenMetricsHistoryWriter.WriteFile(BenchmarkReport.Build(runs, settings.Alphas), universe, full);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new OutputException($"--out: cannot write {full}: {ex.Message}", ex);
                }

                output.Info($"{Markup.Escape(full)}: {runs.Count} pairs, {runs.Sum(r => r.Forecasts.Count(f => f.IsRealized)):N0} realised forecasts " +
                                       $"(promtool tsdb create-blocks-from openmetrics --max-block-duration=39366h FILE DIR)");
            });
    }

    private static Command Portfolio()
    {
        var name = OptionParsers.Text("name", "Portfolio name.", "");
        return Query("portfolio", "P&L, VaR/ES by each method, backtests and zones of a portfolio.", [name, RunOptions.Universe], async (client, values, output, ct) =>
        {
            var s = await client.GetPortfolioAsync(values.Get(RunOptions.Universe), values.Require(name), ct);
            if (s.Definition is not { } d)
            {
                throw new RiskGridException($"portfolio '{s.Name}' is not defined");
            }

            output.Info($"[bold]{Markup.Escape(s.Name)}[/] ({Markup.Escape(d.Model)}): " +
                                   Markup.Escape(string.Join(", ", d.Weights.Select(w => $"{w.Instrument} {w.Weight.ToString(CultureInfo.InvariantCulture)}"))));
            output.Info($"  {s.JointDays:N0} joint days to {s.LastDate:yyyy-MM-dd}; last P&L {N(s.LastPnL)}%, cumulative {N(s.CumulativePnL)}%");
            output.Tables([.. s.Methods.SelectMany(m =>
            {
                var latest = m.Latest.Length == 0 ? "no forecast" : string.Join(", ", m.Latest.Select(l => $"{Level(l.Alpha)} VaR {N(l.VaR)} ES {N(l.ES)}"));
                return BacktestTables($"{m.Method}: next day {latest}", m.Backtests).Select(t => new ResultTable($"{m.Method}_{t.Name}", t.Title, t.Columns, t.Rows));
            })]);
        });
    }

    /// <summary>A query subcommand: its own options, then the cluster options; it shows what <paramref name="show"/> reads from the cluster.</summary>
    private static Command Query(string name, string description, RunOption[] own, Func<RiskGridClient, OptionValues, QueryOutput, CancellationToken, Task> show)
    {
        var command = new Command(name, description);
        var options = new CommandOptions(command, [.. own, RunOptions.Format, .. RunOptions.GatewayOptions], configFile: false);
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var values = options.Bind(parse);
            var output = new QueryOutput(RunOptions.FormatOf(values.Get(RunOptions.Format)));
            return await GridCommand.RunAsync(RunOptions.Address(values, RunOptions.Gateway)!, async client =>
            {
                await show(client, values, output, ct);
                return ExitCodes.Ok;
            }, ct);
        }));
        return command;
    }

    /// <summary>Where a query prints: its tables in the asked format on stdout; its lines of prose there too, or on stderr
    /// with a plain format (so stdout is the data alone).</summary>
    private sealed class QueryOutput(OutputFormat format)
    {
        public void Info(string markup)
        {
            if (format == OutputFormat.Table)
            {
                AnsiConsole.MarkupLine(markup);
            }
            else
            {
                CliAction.Error.WriteLine(Markup.Remove(markup));
            }
        }

        public void Tables(params ResultTable[] tables) => ResultTableWriter.Write(AnsiConsole.Console, format, tables);
    }

    // The same number formats as the benchmark's Key Results table: levels to 0.1%, rates to 0.01%.
    private static readonly CellFormat Cells = CellFormat.Console;

    private static string N(double x) => Cells.Number(x, 4);

    private static string Level(double alpha) => Cells.Percent(alpha, 1);

    private static string Rate(double x) => Cells.Percent(x, 2);
}
