using System.CommandLine;
using System.Globalization;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid portfolio</c>: defines a weighted portfolio of a universe's instruments on a running cluster.</summary>
public static class PortfolioCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Portfolio name.", Required = true };
        var model = new Option<string>("--model") { Description = "Model whose forecasts drive filtered simulation and variance–covariance.", Required = true };
        var weights = new Option<string[]>("--weights")
        {
            Description = "INSTRUMENT=WEIGHT pairs, comma-separated (fractions of portfolio value; negative = short).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var universe = new Option<string>("--universe") { Description = "Universe name.", DefaultValueFactory = _ => "default" };
        var grid = GridOptions.Create(ClusterAddress.DefaultGateway);
        var command = new Command("portfolio", "Define a portfolio on a running cluster (then: riskgrid query portfolio --name NAME).")
        {
            name, model, weights, universe,
        };
        grid.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            ClusterAddress cluster;
            PortfolioWeight[] parsed;
            try
            {
                cluster = grid.Address(parse)!;
                parsed = [.. ListParsing.Names(parse.GetValue(weights) ?? []).Select(Weight)];
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadArguments;
            }

            return await GridCommand.RunAsync(cluster, async client =>
            {
                var status = await client.AddPortfolioAsync(parse.GetValue(universe)!, parse.GetValue(name)!, parsed, parse.GetValue(model)!, ct);
                AnsiConsole.MarkupLine($"portfolio [bold]{Markup.Escape(status.Name)}[/] defined: {status.JointDays:N0} joint days so far");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static PortfolioWeight Weight(string text)
    {
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
        {
            throw new ArgumentException($"--weights: '{text}' is not INSTRUMENT=WEIGHT");
        }

        return new PortfolioWeight(text[..eq], w);
    }
}
