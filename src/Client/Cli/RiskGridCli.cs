using System.CommandLine;

namespace RiskGrid.Client.Cli;

/// <summary>The <c>riskgrid</c> command tree.</summary>
public static class RiskGridCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("RiskGrid: VaR/ES model benchmarking on an Orleans grid");
        root.Subcommands.Add(BenchmarkCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        return root;
    }
}
