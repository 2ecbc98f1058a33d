using RiskGrid.Client.Sdk;

namespace RiskGrid.Client.Cli;

/// <summary>Runs a command's work against a running cluster (errors become exit codes in <see cref="CliAction"/>).</summary>
internal static class GridCommand
{
    public static async Task<int> RunAsync(ClusterAddress cluster, Func<RiskGridClient, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var connection = await RiskGridConnection.ConnectAsync(cluster, cancellationToken: cancellationToken);
        return await work(connection.Client);
    }
}
