using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Cli;

/// <summary>Runs a command's work against a cluster, turning the grid's refusals into clear errors and exit codes.</summary>
internal static class GridCommand
{
    public static async Task<int> RunAsync(ClusterAddress cluster, Func<RiskGridClient, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await RiskGridConnection.ConnectAsync(cluster, cancellationToken: cancellationToken);
            return await work(connection.Client);
        }
        catch (PriceRejectedException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadData;
        }
        catch (RiskGridException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadArguments;
        }
        catch (RiskGridConnectionException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
