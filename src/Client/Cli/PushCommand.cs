using System.CommandLine;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
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
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Price files: Yahoo CSV or wide CSV (Date,A,B,...).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var universe = new Option<string>("--universe") { Description = "Universe name.", DefaultValueFactory = _ => "default" };
        var models = new Option<string[]>("--models")
        {
            Description = $"Models of a new universe, comma-separated (default: {string.Join(",", ModelCatalog.DefaultNames)}).",
            AllowMultipleArgumentsPerToken = true,
        };
        var alpha = new Option<string[]>("--alpha") { Description = "Confidence levels of a new universe (default 0.95,0.99)." };
        var window = new Option<int?>("--window") { Description = "Estimation window of a new universe (default 1000)." };
        var refit = new Option<int?>("--refit") { Description = "Refit interval of a new universe (default 1)." };
        var returns = new Option<ReturnKind?>("--returns") { Description = "Return definition of a new universe (default simple)." };
        var daysPerPush = new Option<int>("--days-per-push") { Description = "Trading days sent per push.", DefaultValueFactory = _ => 50 };
        var reset = new Option<bool>("--reset") { Description = "Forget the universe first (its settings, models, prices, pairs and portfolios; other universes are untouched)." };
        var grid = GridOptions.Create(ClusterAddress.DefaultGateway);
        var command = new Command("push", "Send prices from CSV files to a universe on a running cluster; every affected pair re-forecasts.")
        {
            data, universe, models, alpha, window, refit, returns, daysPerPush, reset,
        };
        grid.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            ClusterAddress cluster;
            IReadOnlyList<PriceSeries> series;
            try
            {
                cluster = grid.Address(parse)!;
                series = DataSources.Load(new BenchmarkSettings { DataFiles = parse.GetValue(data) ?? [] });
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadArguments;
            }
            catch (DataValidationException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadData;
            }

            var name = parse.GetValue(universe)!;
            return await GridCommand.RunAsync(cluster, async client =>
            {
                if (parse.GetValue(reset))
                {
                    await client.ResetUniverseAsync(name, ct);
                }

                var existing = await client.GetUniverseAsync(name, ct);
                RollingSettings settings;
                IReadOnlyList<string> modelNames;
                try
                {
                    // An existing universe keeps its settings unless new ones are given (and it then refuses a change).
                    var defaults = existing.Settings?.ToOptions() ?? new RollingOptions();
                    var levels = ListParsing.Levels(parse.GetValue(alpha) ?? []);
                    var options = new RollingOptions
                    {
                        Window = parse.GetValue(window) ?? defaults.Window,
                        RefitEvery = parse.GetValue(refit) ?? defaults.RefitEvery,
                        Alphas = levels.Count > 0 ? levels : defaults.Alphas,
                        ReturnKind = parse.GetValue(returns) ?? defaults.ReturnKind,
                    }.Validated();
                    var candidate = CoreMapping.ToSettings(options);
                    settings = existing.Settings is { } current && current.SameAs(candidate with { ModelSettingsJson = current.ModelSettingsJson })
                        ? current
                        : candidate;
                    var named = ListParsing.ModelNames(parse.GetValue(models) ?? []);
                    modelNames = named.Count > 0 ? named : existing.Models.Length > 0 ? existing.Models : ModelCatalog.DefaultNames;
                }
                catch (ArgumentException ex)
                {
                    await Console.Error.WriteLineAsync($"error: {ex.Message}");
                    return ExitCodes.BadArguments;
                }

                await client.DefineUniverseAsync(name, settings, modelNames, [.. series.Select(s => s.Instrument)], ct);
                var prices = series.Select(s => s.ToMessage()).ToArray();
                var total = prices.Sum(p => (long)p.Prices.Length);
                var pushClient = new RiskGridClient(client.Cluster, new RiskGridClientOptions { DaysPerPush = Math.Max(1, parse.GetValue(daysPerPush)) });
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
        });
        return command;
    }
}
