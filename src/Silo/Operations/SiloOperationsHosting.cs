using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Prometheus;
using RiskGrid.Grains.Metrics;

namespace RiskGrid.Silo.Operations;

/// <summary>The silo's HTTP endpoints: Prometheus metrics on one port, the Orleans dashboard on another (or the same).</summary>
public static class SiloOperationsHosting
{
    /// <summary>Kestrel listeners for the metrics and, when on, the dashboard.</summary>
    public static WebApplicationBuilder AddSiloOperations(this WebApplicationBuilder builder, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        DashboardSecurity.Apply(options);
        // Claim the ports here, sockets bound and listening, and hand them to Kestrel (which the delegate
        // below keeps alive): a taken port is known now and replaced, and no other process can take a
        // port between the check and the bind.
        var metrics = Claim(options.MetricsAddress, options.MetricsPort, "--metrics-address", "metrics");
        options.MetricsPort = ((IPEndPoint)metrics.LocalEndPoint!).Port;
        Socket? dashboard = null;
        if (options.Dashboard && options.DashboardPort != options.MetricsPort)
        {
            dashboard = Claim(options.DashboardAddress, options.DashboardPort, "--dashboard-address", "dashboard");
            options.DashboardPort = ((IPEndPoint)dashboard.LocalEndPoint!).Port;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenHandle((ulong)metrics.SafeHandle.DangerousGetHandle());
            if (dashboard is not null)
            {
                kestrel.ListenHandle((ulong)dashboard.SafeHandle.DangerousGetHandle());
            }
        });
        return builder;
    }

    /// <summary>The Orleans dashboard's silo services, when on.</summary>
    public static ISiloBuilder AddSiloOperations(this ISiloBuilder silo, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DashboardSecurity.Apply(options);
        return options.Dashboard ? silo.AddDashboard(o => o.HideTrace = true) : silo; // no /Trace: it streams the silo's log
    }

    /// <summary>Maps <c>/metrics</c> on the metrics port and the dashboard at <c>/</c> on its port.</summary>
    public static WebApplication MapSiloOperations(this WebApplication app, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.UseDashboardAuthentication(options);
        var registry = app.Services.GetRequiredService<RiskGridMetrics>().Registry;
        app.MapMetrics("/metrics", registry).RequireHost($"*:{options.MetricsPort}");
        if (options.Dashboard)
        {
            app.MapOrleansDashboard().RequireHost($"*:{options.DashboardPort}");
        }

        return app;
    }

    // Several silos on one machine (tests, benchmarks, the README's two-silo example) would all ask for
    // the default ports; a port already taken gives way to a free one, said on stderr and in the ready line.
    private static Socket Claim(string address, int port, string option, string what)
    {
        var (socket, gaveWay) = ListeningSocket.Claim(Address(address, option), port);
        if (gaveWay)
        {
            Console.Error.WriteLine($"warning: {what} port {port} on {address} is in use; using " +
                                    $"{((IPEndPoint)socket.LocalEndPoint!).Port} (set it with --{what}-port)");
        }

        return socket;
    }

    private static IPAddress Address(string text, string option) =>
        IPAddress.TryParse(text, out var address) ? address
        : throw new ArgumentException($"{option}: '{text}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
}
