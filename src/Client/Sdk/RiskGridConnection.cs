using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Metrics;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// A live connection to a grid and the <see cref="RiskGridClient"/> over it: either an embedded silo
/// in this process (localhost clustering, in-memory state, configured by the same
/// <see cref="RiskGridSiloBuilderExtensions.UseRiskGrid"/> as the silo host) or a client of a running
/// cluster. Disposing stops it.
/// </summary>
public sealed class RiskGridConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost _host;
    private Prometheus.MetricServer? _metricServer;

    private RiskGridConnection(IHost host, string description, RiskGridClientOptions? options)
    {
        _host = host;
        Description = description;
        Client = new RiskGridClient(host.Services.GetRequiredService<IClusterClient>(), options,
            host.Services.GetRequiredService<ILogger<RiskGridClient>>());
    }

    public RiskGridClient Client { get; }

    /// <summary>What this connection is, for headers and messages.</summary>
    public string Description { get; }

    /// <summary>Starts a silo inside this process and connects to it.</summary>
    /// <param name="fitThreads">Threads for fits; 0 = all cores.</param>
    public static async Task<RiskGridConnection> StartEmbeddedAsync(int fitThreads = 0, RiskGridClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        Quiet(builder.Logging);
        builder.UseOrleans(silo => silo.UseRiskGrid(new RiskGridSiloOptions
        {
            ClusterId = "riskgrid-embedded",
            ServiceId = "riskgrid-embedded",
            SiloPort = FreePort(),
            GatewayPort = 0, // the co-hosted client needs no gateway; nothing else may connect
            FitThreads = fitThreads,
            LocalStorage = true, // one silo in this process: its state needs no storage grain
            // Gpu left to detection: one silo places training on itself either way, and it declares a GPU
            // exactly when one can be used (a CUDA build with a visible GPU, what --device cuda needs).
        }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RiskGridConnection(host, "grid (embedded silo)", options);
    }

    /// <summary>Connects to a running cluster; throws <see cref="RiskGridConnectionException"/> saying where it looked.</summary>
    public static async Task<RiskGridConnection> ConnectAsync(ClusterAddress address, RiskGridClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (address.Redis is null && !await AnyListensAsync(address.Gateways, cancellationToken))
        {
            throw new RiskGridConnectionException(
                $"cannot connect to a RiskGrid cluster at {address}: nothing accepts connections there (is a silo running with that --gateway-port?)");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        Quiet(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            if (address.Redis is { } redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = RiskGridSiloBuilderExtensions.RedisConfiguration(redis));
            }
            else
            {
                client.UseStaticClustering([.. address.Gateways]);
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = address.ClusterId;
                o.ServiceId = address.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
        });
        var host = builder.Build();
        try
        {
            // Orleans keeps retrying an unreachable gateway for minutes; a command line should say so sooner.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(ConnectTimeout);
            await host.StartAsync(patience.Token);
            var connection = new RiskGridConnection(host, $"grid (cluster at {address})", options);
            await connection.Client.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ConnectTimeout, cancellationToken);
            return connection;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var reason = ex is OperationCanceledException or TimeoutException ? $"no gateway answered within {ConnectTimeout.TotalSeconds:0} s" : ex.Message;
            throw new RiskGridConnectionException($"cannot connect to a RiskGrid cluster at {address}: {reason}", ex);
        }
    }

    /// <summary>
    /// Serves the embedded silo's metrics (what a silo host serves on <c>/metrics</c>: <see cref="RiskGridMetrics"/>)
    /// on <c>http://127.0.0.1:PORT/metrics</c> until the connection is disposed; returns that address. Only for
    /// an embedded silo: a cluster's silos serve their own.
    /// </summary>
    public Uri ServeMetrics(int port)
    {
        var metrics = _host.Services.GetService<RiskGridMetrics>()
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

        _metricServer = server;
        return new Uri($"http://127.0.0.1:{port}/metrics");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_metricServer is not null)
            {
                await _metricServer.StopAsync();
            }

            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _metricServer?.Dispose();
            _host.Dispose();
        }
    }

    // Results go to stdout; the grid's own logging goes to stderr, and only what matters.
    private static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Orleans", LogLevel.Error);
        logging.AddFilter("Microsoft", LogLevel.Error);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is reported as a RiskGridConnectionException
    }

    private static async Task<bool> AnyListensAsync(IReadOnlyList<IPEndPoint> gateways, CancellationToken cancellationToken)
    {
        foreach (var gateway in gateways)
        {
            using var socket = new Socket(gateway.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(gateway, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException)
            {
                // Try the next one.
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
