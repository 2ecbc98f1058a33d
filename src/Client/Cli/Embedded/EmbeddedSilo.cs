using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Metrics;

namespace RiskGrid.Client.Cli.Embedded;

/// <summary>
/// The grid inside the CLI's own process when no <c>--cluster</c> is given: one silo (localhost clustering,
/// in-memory state) configured by the same <see cref="RiskGridSiloBuilderExtensions.UseRiskGrid"/> as the silo
/// host, reached through the SDK like any cluster. The only CLI code that references the grains.
/// </summary>
public static class EmbeddedSilo
{
    public const string Description = "grid (embedded silo)";

    /// <summary>Starts a silo inside this process and connects to it.</summary>
    /// <param name="fitThreads">Threads for fits; 0 = all cores.</param>
    public static Task<RiskGridConnection> StartAsync(int fitThreads = 0, RiskGridClientOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RiskGridConnection.StartAsync(builder => builder.UseOrleans(silo => silo.UseRiskGrid(new RiskGridSiloOptions
        {
            ClusterId = "riskgrid-embedded",
            ServiceId = "riskgrid-embedded",
            SiloPort = FreePort(),
            GatewayPort = 0, // the co-hosted client needs no gateway; nothing else may connect
            FitThreads = fitThreads,
            LocalStorage = true, // one silo in this process: its state needs no storage grain
            // Gpu left to detection: one silo places training on itself either way, and it declares a GPU
            // exactly when one can be used (a CUDA build with a visible GPU, what --device cuda needs).
        })), Description, options, cancellationToken);

    /// <summary>
    /// Serves the embedded silo's metrics (what a silo host serves on <c>/metrics</c>: <see cref="RiskGridMetrics"/>)
    /// on <c>http://127.0.0.1:PORT/metrics</c> until the returned server is disposed (before the connection). Only for
    /// an embedded silo: a cluster's silos serve their own.
    /// </summary>
    public static (Prometheus.MetricServer Server, Uri Url) ServeMetrics(RiskGridConnection connection, int port)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var metrics = connection.Services.GetService<RiskGridMetrics>()
                      ?? throw new InvalidOperationException("metrics are served by the silos of a cluster, not by a client connected to it");
        if (port is < 1 or > 65535)
        {
            throw new ArgumentException($"--metrics-port: {port} is not a port (1–65535)");
        }

        var server = new Prometheus.MetricServer("127.0.0.1", port, "metrics/", metrics.Registry);
        try
        {
            server.Start();
        }
        catch (HttpListenerException ex)
        {
            server.Dispose();
            throw new ArgumentException($"--metrics-port: cannot listen on 127.0.0.1:{port}: {ex.Message}", ex);
        }

        return (server, new Uri($"http://127.0.0.1:{port}/metrics"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
