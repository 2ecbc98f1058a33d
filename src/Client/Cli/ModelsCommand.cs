using System.CommandLine;
using RiskGrid.Core.Models;
using Spectre.Console;

namespace RiskGrid.Client.Cli;

/// <summary><c>riskgrid models</c>: every model the catalogue knows, with its parameters and whether the
/// benchmark runs it by default. Composed names are <c>{process}-{distribution}</c>.</summary>
public static class ModelsCommand
{
    public static Command Create(IAnsiConsole? console = null)
    {
        var command = new Command("models", "List the models (--models names) with their parameters.");
        command.SetAction(_ =>
        {
            Write(console ?? AnsiConsole.Console);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Write(IAnsiConsole console)
    {
        var table = new Table().AddColumns("model", "default", "parameters", "description");
        foreach (var m in ModelCatalog.Describe())
        {
            var parameters = m.ParameterNames.Count > 0 ? string.Join(", ", m.ParameterNames) : "-";
            var when = m.IsDefault ? "yes" : m.Trained ? "named (trains)" : "named";
            table.AddRow(Markup.Escape(m.Name), when, Markup.Escape(parameters), Markup.Escape(m.Description));
        }

        console.Write(table);
        console.WriteLine("Composed models are process-distribution: processes garch, gjr, egarch, aparch, tarch; " +
                          "distributions n, t, skewt, ged.");
    }
}
