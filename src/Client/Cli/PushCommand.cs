using System.CommandLine;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary>
/// <c>riskgrid push</c>: sends the prices of CSV files to a universe on a running cluster. A universe
/// not yet configured is configured from the options (defaults as in <c>benchmark</c>); the instruments of
/// the files are registered. Prices the pairs already hold are skipped, so pushing a file again with new
/// days at its end appends just those days, and every affected pair re-forecasts. <c>--reset</c> first
/// forgets the universe (its pairs, prices and portfolios; never another universe's).
/// </summary>
public static class PushCommand
{
    private static readonly RunOption<IReadOnlyList<string>> Data = OptionParsers.Names("data", "Price files: Yahoo CSV or wide CSV (Date,A,B,...).");

    private static readonly RunOption<bool> Reset = OptionParsers.Flag("reset",
        "Forget the universe first (its settings, models, prices, pairs and portfolios; other universes are untouched).");

    /// <summary>The options of <c>riskgrid push</c>: the rolling and model settings apply to a new universe.</summary>
    public static IReadOnlyList<RunOption> Options =>
    [
        Data, RunOptions.InstrumentNames, RunOptions.Universe, RunOptions.Models, RunOptions.Alpha, RunOptions.Window, RunOptions.Refit, RunOptions.Returns,
        RunOptions.DaysPerPush, Reset, .. RunOptions.GatewayOptions, .. RunOptions.ModelSettings,
    ];

    public static Command Create()
    {
        var command = new Command("push", "Send prices from CSV files to a universe on a running cluster; every affected pair re-forecasts. " +
                                          "The rolling and model options configure a new universe (an existing one keeps its own).");
        var options = new CommandOptions(command, Options);
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var values = options.Bind(parse);
            var cluster = RunOptions.Address(values, RunOptions.Gateway)!;
            var files = values.Get(Data);
            if (files.Count == 0)
            {
                throw new ArgumentException("--data: at least one price file is needed");
            }

            var names = values.Get(RunOptions.InstrumentNames);
            if (names.Count > 0 && names.Count != files.Count)
            {
                throw new ArgumentException($"--name: {names.Count} name(s) for {files.Count} --data file(s); give one per file, in order");
            }

            var series = DataSources.Load(new BenchmarkSettings { DataFiles = files, DataNames = names });
            var name = values.Get(RunOptions.Universe);
            return await GridCommand.RunAsync(cluster, async client =>
            {
                if (values.Get(Reset))
                {
                    await client.ResetUniverseAsync(name, ct);
                }

                var existing = await client.GetUniverseAsync(name, ct);
                // An existing universe keeps its settings unless new ones are given (and it then refuses a change).
                var current = existing.Settings;
                var defaults = current?.ToOptions() ?? new RollingOptions();
                var rolling = new RollingOptions
                {
                    Window = values.IsGiven(RunOptions.Window) ? values.Get(RunOptions.Window) : defaults.Window,
                    RefitEvery = values.IsGiven(RunOptions.Refit) ? values.Get(RunOptions.Refit) : defaults.RefitEvery,
                    Alphas = values.IsGiven(RunOptions.Alpha) ? values.Get(RunOptions.Alpha) : defaults.Alphas,
                    ReturnKind = values.IsGiven(RunOptions.Returns)
                        ? values.Get(RunOptions.Returns) == "log" ? ReturnKind.Log : ReturnKind.Simple
                        : defaults.ReturnKind,
                }.Validated();
                var givenModelSettings = RunOptions.ModelSettings.Any(values.IsGiven);
                var modelSettings = givenModelSettings || current is null
                    ? BenchmarkSettings.ResolveModelSettings(values, rolling.Alphas)
                    : current.ToModelSettings();
                // (push has no --esr-mc: the universe keeps the backtest option it was defined with)
                var candidate = CoreMapping.ToSettings(rolling, modelSettings) with { EsrMonteCarlo = current?.EsrMonteCarlo ?? false };
                var settings = current is not null && current.SameAs(givenModelSettings ? candidate : candidate with { ModelSettings = current.ModelSettings })
                    ? current
                    : candidate;
                IReadOnlyList<string> modelNames = values.IsGiven(RunOptions.Models) ? values.Get(RunOptions.Models)
                    : existing.Models.Length > 0 ? existing.Models : ModelCatalog.DefaultNames;
                modelNames = ModelCatalog.Check(modelNames, rolling, modelSettings);

                await client.DefineUniverseAsync(name, settings, modelNames, [.. series.Select(s => s.Instrument)], ct);
                var prices = series.Select(s => s.ToMessage()).ToArray();
                var total = prices.Sum(p => (long)p.Prices.Length);
                var pushClient = new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = values.Get(RunOptions.DaysPerPush) });
                PushProgress done;
                using (var progress = new ConsoleProgress())
                {
                    // Pushes move every instrument forward day by day: prices sent, and no pairs count (as in the grid benchmark).
                    done = await pushClient.PushSeriesAsync(name, prices, new SynchronousProgress<PushProgress>(p => progress.Report(
                        new EngineProgress(p.PricesSent, total, PairsDone: 0, PairsTotal: 0))), ct);
                }

                AnsiConsole.MarkupLine($"pushed {done.PricesSent:N0} prices of {series.Count} instrument(s) to universe " +
                                       $"[bold]{Markup.Escape(name)}[/] in {done.Pushes} push(es): {done.PairUpdates:N0} pair updates " +
                                       $"(prices already held were skipped){(done.Retries > 0 ? $", {done.Retries} resent after failures" : "")}");
                return ExitCodes.Ok;
            }, ct);
        }));
        return command;
    }
}
