using System.CommandLine;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using RiskGrid.Core.Models;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid models</c>: every model the catalogue knows, with its parameters and whether the
/// benchmark runs it by default. Composed names are <c>{process}-{distribution}</c>.</summary>
public static class ModelsCommand
{
    private const string Composed = "Composed models are process-distribution: processes garch, gjr, egarch, aparch, tarch; " +
                                    "distributions n, t, skewt, ged.";

    public static Command Create(IAnsiConsole? console = null)
    {
        var command = new Command("models", "List the models (--models names) with their parameters.");
        var options = new CommandOptions(command, [RunOptions.Format], configFile: false);
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            Write(console ?? AnsiConsole.Console, RunOptions.FormatOf(options.Bind(parse).Get(RunOptions.Format)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    internal static void Write(IAnsiConsole console, OutputFormat format = OutputFormat.Table)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new ResultTable("models", "[bold]Models[/]",
            [new("Model"), new("Default"), new("Parameters", false, 1, Wraps: true), new("Description", false, 0, Wraps: true)])
        {
            Caption = "[grey]" + Composed + "[/]",
        };
        foreach (var m in ModelCatalog.Describe())
        {
            var parameters = m.ParameterNames.Count > 0 ? string.Join(", ", m.ParameterNames) : "-";
            var when = m.IsDefault ? "yes" : m.Trained ? "named (trains)" : "named";
            table.Add(Markup.Escape(m.Name), when, Markup.Escape(parameters), Markup.Escape(m.Description));
        }

        ResultTableWriter.Write(console, format, table);
    }
}
