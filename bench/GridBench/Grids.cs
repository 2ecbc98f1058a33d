using RiskGrid.Client.Sdk;
using RiskGrid.Testing;

namespace RiskGrid.GridBench;

/// <summary>Silo processes clustered through Redis, for the multi-silo runs.</summary>
public static class Grids
{
    /// <summary>Starts <paramref name="count"/> silo processes on a fresh cluster id and connects to them.</summary>
    public static async Task<(RiskGridConnection Connection, ChildProcess[] Silos, string ClusterId)> StartProcessesAsync(int count, string redis)
    {
        var clusterId = $"riskgrid-bench-{Guid.NewGuid():N}"[..27];
        // The silo's own (server) GC, as deployed; the tests' SiloExecutable runs them with workstation GC.
        var silos = Enumerable.Range(0, count).Select(_ => ChildProcess.Start("dotnet",
            [
                Repository.SiloAssembly(), "--redis", redis, "--cluster-id", clusterId, "--service-id", clusterId,
                "--silo-port", $"{Ports.Free()}", "--gateway-port", $"{Ports.Free()}", "--advertise", "127.0.0.1",
            ])).ToArray();
        try
        {
            // One that exits first or is not ready in time is killed and named, with its output.
            await Task.WhenAll(silos.Select((silo, i) => silo.WaitUntilReadyAsync($"silo {i}",
                line => line.StartsWith(SiloExecutable.ReadyLinePrefix, StringComparison.Ordinal), TimeSpan.FromSeconds(120))));
            var connection = await RiskGridConnection.ConnectAsync(ClusterAddress.Parse($"redis://{redis}", clusterId, clusterId));
            var management = connection.Client.Cluster.GetGrain<IManagementGrain>(0);
            while ((await management.GetHosts(onlyActive: true)).Count < count)
            {
                await Task.Delay(200);
            }

            return (connection, silos, clusterId);
        }
        catch
        {
            // A silo that did not start, or a client that could not connect, must not leave the silos running.
            await StopProcessesAsync(silos, redis, clusterId);
            throw;
        }
    }

    public static async Task StopProcessesAsync(ChildProcess[] silos, string redis, string clusterId)
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync(); // kills the process tree and waits for it
        }

        await RedisKeys.DeleteAsync(redis, clusterId);
    }
}
