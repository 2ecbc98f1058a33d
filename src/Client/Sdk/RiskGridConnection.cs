using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RiskGrid.Grains.Redis;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// A live connection to a grid and the <see cref="RiskGridClient"/> over it: a client of a running
/// cluster (<see cref="ConnectAsync"/>), or a host started in this process that provides its own cluster
/// client (<see cref="StartAsync"/>: the CLI's embedded silo, which alone references the grains). Disposing stops it.
/// </summary>
public sealed class RiskGridConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

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

    /// <summary>
    /// Starts a host in this process that <paramref name="configure"/> sets up (the CLI's embedded silo:
    /// <c>EmbeddedSilo.StartAsync</c>, which adds a silo with <c>UseRiskGrid</c>) and connects to the cluster
    /// client it provides. The host logs as a command line wants (warnings to stderr) and never takes the
    /// process's signals.
    /// </summary>
    public static async Task<RiskGridConnection> StartAsync(Action<HostApplicationBuilder> configure, string description,
        RiskGridClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = CreateBuilder();
        configure(builder);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new RiskGridConnection(host, description, options);
        }
        catch
        {
            host.Dispose();
            throw;
        }
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

        var builder = CreateBuilder();
        builder.UseOrleansClient(client =>
        {
            if (address.Redis is { } redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Parse(redis));
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

    /// <summary>The host's services (an embedded silo's, for what it serves besides the client).</summary>
    public IServiceProvider Services => _host.Services;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        Quiet(builder.Logging);
        return builder;
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
}
