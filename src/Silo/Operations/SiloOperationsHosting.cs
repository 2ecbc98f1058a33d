using System.Net;
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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(Address(options.MetricsAddress, "--metrics-address"), options.MetricsPort);
            if (options.Dashboard && options.DashboardPort != options.MetricsPort)
            {
                kestrel.Listen(Address(options.DashboardAddress, "--dashboard-address"), options.DashboardPort);
            }
        });
        return builder;
    }

    /// <summary>The Orleans dashboard's silo services, when on.</summary>
    public static ISiloBuilder AddSiloOperations(this ISiloBuilder silo, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Dashboard ? silo.AddDashboard() : silo;
    }

    /// <summary>Maps <c>/metrics</c> on the metrics port and the dashboard at <c>/</c> on its port.</summary>
    public static WebApplication MapSiloOperations(this WebApplication app, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var registry = app.Services.GetRequiredService<RiskGridMetrics>().Registry;
        app.MapMetrics("/metrics", registry).RequireHost($"*:{options.MetricsPort}");
        if (options.Dashboard)
        {
            app.MapOrleansDashboard().RequireHost($"*:{options.DashboardPort}");
        }

        return app;
    }

    private static IPAddress Address(string text, string option) =>
        IPAddress.TryParse(text, out var address) ? address
        : throw new ArgumentException($"{option}: '{text}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
}
