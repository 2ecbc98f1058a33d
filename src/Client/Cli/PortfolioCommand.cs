using System.CommandLine;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Grains.Abstractions;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid portfolio</c>: defines a weighted portfolio of a universe's instruments on a running cluster.</summary>
public static class PortfolioCommand
{
    private static readonly RunOption<string> Name = OptionParsers.Text("name", "Portfolio name.", "");
    private static readonly RunOption<string> Model = OptionParsers.Text("model", "Model whose forecasts drive filtered simulation and variance–covariance.", "");
    public static Command Create()
    {
        var command = new Command("portfolio", "Define a portfolio on a running cluster (then: riskgrid query portfolio --name NAME).");
        var options = new CommandOptions(command, [Name, Model, RunOptions.Weights, RunOptions.Universe, .. RunOptions.GatewayOptions]);
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var values = options.Bind(parse);
            var cluster = RunOptions.Address(values, RunOptions.Gateway)!;
            var name = values.Require(Name);
            var model = values.Require(Model);
            PortfolioWeight[] parsed = [.. RunOptions.PortfolioWeights(values.Require(RunOptions.Weights))];
            return await GridCommand.RunAsync(cluster, async client =>
            {
                var status = await client.AddPortfolioAsync(values.Get(RunOptions.Universe), name, parsed, model, ct);
                AnsiConsole.MarkupLine($"portfolio [bold]{Markup.Escape(status.Name)}[/] defined: {status.JointDays:N0} joint days so far");
                return ExitCodes.Ok;
            }, ct);
        }));
        return command;
    }
}
