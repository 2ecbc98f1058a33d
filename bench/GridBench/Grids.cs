using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RiskGrid.Client.Sdk;
using StackExchange.Redis;

namespace RiskGrid.GridBench;

/// <summary>Silo processes clustered through Redis, for the multi-silo runs.</summary>
public static class Grids
{
    /// <summary>Starts <paramref name="count"/> silo processes on a fresh cluster id and connects to them.</summary>
    public static async Task<(RiskGridConnection Connection, Process[] Silos, string ClusterId)> StartProcessesAsync(int count, string redis)
    {
        var clusterId = $"riskgrid-bench-{Guid.NewGuid():N}"[..27];
        var silos = new Process[count];
        var ready = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])[SiloAssembly(), "--redis", redis, "--cluster-id", clusterId, "--service-id", clusterId,
                         "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}", "--advertise", "127.0.0.1"])
            {
                info.ArgumentList.Add(arg);
            }

            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = info };
            var index = i;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("riskgrid silo ready", StringComparison.Ordinal) == true)
                {
                    started.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Console.Error.WriteLine($"  silo {index}: {e.Data}");
                }
            };
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => started.TrySetException(
                new InvalidOperationException($"silo {index} exited with code {process.ExitCode} before it was ready (its output is above)"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            silos[i] = process;
            ready[i] = started.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }

        try
        {
            await Task.WhenAll(ready);
        }
        catch
        {
            // One silo that did not start must not leave the others running.
            await StopProcessesAsync([.. silos.Where(s => s is not null)], redis, clusterId);
            throw;
        }

        var connection = await RiskGridConnection.ConnectAsync(ClusterAddress.Parse($"redis://{redis}", clusterId, clusterId));
        var management = connection.Client.Cluster.GetGrain<IManagementGrain>(0);
        while ((await management.GetHosts(onlyActive: true)).Count < count)
        {
            await Task.Delay(200);
        }

        return (connection, silos, clusterId);
    }

    public static async Task StopProcessesAsync(Process[] silos, string redis, string clusterId)
    {
        foreach (var silo in silos)
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
            silo.Dispose();
        }

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pattern: $"*{clusterId}*"))
            {
                await connection.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SiloAssembly()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
            {
                var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
                var path = Path.Combine(dir.FullName, "src", "Silo", "bin", configuration, "net10.0", "RiskGrid.Silo.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"the silo is not built at {path}");
            }
        }

        throw new DirectoryNotFoundException($"no Grid.sln above {AppContext.BaseDirectory}");
    }
}
