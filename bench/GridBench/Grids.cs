using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RiskGrid.Grains.Hosting;
using StackExchange.Redis;

namespace RiskGrid.GridBench;

/// <summary>The grids the benchmark runs on: one embedded silo, or silo processes clustered through Redis.</summary>
public static class Grids
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>An in-process silo (localhost clustering, memory storage) with its co-hosted client.</summary>
    public static async Task<IHost> StartEmbeddedAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo.UseRiskGrid(new RiskGridSiloOptions { SiloPort = FreePort(), GatewayPort = 0, ClusterId = "bench" }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts <paramref name="count"/> silo processes on a fresh cluster id and connects a client.</summary>
    public static async Task<(IHost Client, Process[] Silos, string ClusterId)> StartProcessesAsync(int count, string redis)
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
                    Console.Error.WriteLine($"  silo {i}: {e.Data}");
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            silos[i] = process;
            ready[i] = started.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }

        await Task.WhenAll(ready);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = RiskGridSiloBuilderExtensions.RedisConfiguration(redis))
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = Timeout));
        var host = builder.Build();
        await host.StartAsync();
        var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        while ((await management.GetHosts(onlyActive: true)).Count < count)
        {
            await Task.Delay(200);
        }

        return (host, silos, clusterId);
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
