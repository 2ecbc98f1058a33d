using System.CommandLine;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Client.Cli;

/// <summary>The <c>riskgrid</c> command tree.</summary>
public static class RiskGridCli
{
    /// <summary>The command tree; also registers the models outside Core (the LSTM) in the catalogue.</summary>
    public static RootCommand Build()
    {
        LstmCatalog.Register();
        var root = new RootCommand("RiskGrid: VaR/ES model benchmarking on an Orleans grid");
        root.Subcommands.Add(BenchmarkCommand.Create());
        root.Subcommands.Add(PushCommand.Create());
        root.Subcommands.Add(PortfolioCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        return root;
    }
}
