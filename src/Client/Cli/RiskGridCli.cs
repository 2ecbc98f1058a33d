using System.CommandLine;

namespace RiskGrid.Client.Cli;

/// <summary>The <c>riskgrid</c> command tree.</summary>
public static class RiskGridCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("RiskGrid: VaR/ES model benchmarking on an Orleans grid");
        root.Subcommands.Add(BenchmarkCommand.Create());
        root.Subcommands.Add(PushCommand.Create());
        root.Subcommands.Add(PortfolioCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        return root;
    }
}
