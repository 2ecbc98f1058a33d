using System.CommandLine;
using RiskGrid.Client.Cli.Options;

namespace RiskGrid.Client.Cli;

/// <summary>The <c>riskgrid</c> command tree.</summary>
public static class RiskGridCli
{
    /// <summary>The command tree; also registers the models outside Core (the LSTM) in the catalogue.</summary>
    public static RootCommand Build()
    {
        RunOptions.RegisterModels();
        var root = new RootCommand("RiskGrid: VaR/ES model benchmarking on an Orleans grid");
        root.Subcommands.Add(BenchmarkCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(PushCommand.Create());
        root.Subcommands.Add(PortfolioCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>: what <c>riskgrid</c> does. A command line that does not parse
    /// (unknown option or command, missing value) is a usage error: its messages on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        error ??= Console.Error;
        CliAction.Error = error;
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {OptionParsers.Printable(e.Message)}");
            }

            await error.WriteLineAsync("(--help lists the options)");
            return ExitCodes.BadArguments;
        }

        return await CliAction.RunAsync(() => parse.InvokeAsync(), error);
    }
}
