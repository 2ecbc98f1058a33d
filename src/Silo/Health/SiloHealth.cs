using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Silo.Health;

/// <summary>
/// Whether this silo is an active member of its cluster, asked of the cluster's store itself (the membership
/// table) rather than of the silo's own cached view: after the store was reset (Redis restarted without
/// persistence) the cached view still says active, the table no longer does. A store whose generation marker
/// is gone or changed (<see cref="StoreGeneration"/>) makes the silo not ready for good.
/// </summary>
public sealed class SiloHealth(IServiceProvider services)
{
    private static readonly TimeSpan TableTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Ready: the membership table lists this silo as active. Returns the reason when not.</summary>
    public async Task<(bool Ready, string Reason)> CheckAsync(CancellationToken cancellationToken)
    {
        var local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        if (services.GetService<StoreGeneration>() is { } generation && await generation.CheckAsync(cancellationToken) is { } reset)
        {
            return (false, $"the cluster's store was reset: {reset}");
        }

        var membership = services.GetRequiredService<IClusterMembershipService>();
        var view = membership.CurrentSnapshot.GetSiloStatus(local);
        if (view != SiloStatus.Active)
        {
            return (false, $"silo {local} is {view} in its own view of the cluster");
        }

        if (services.GetService<IMembershipTable>() is not { } table)
        {
            return (true, $"silo {local} is active");
        }

        MembershipTableData data;
        try
        {
            data = await table.ReadAllAsync(cancellationToken).WaitAsync(TableTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, $"the cluster's membership table cannot be read: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }

        var entry = data.Members.Select(m => m.Item1).FirstOrDefault(m => m.SiloAddress.Equals(local));
        return entry is null
            ? (false, $"silo {local} is not in the cluster's membership table (was the store reset?)")
            : entry.Status == SiloStatus.Active
                ? (true, $"silo {local} is active")
                : (false, $"silo {local} is {entry.Status} in the cluster's membership table");
    }
}

/// <summary>
/// Stops the silo when its cluster is gone from under it, rather than loop forever on a table that no longer
/// knows it and risk a second cluster forming beside the new one: when the store was reset (its generation
/// marker gone or changed, <see cref="StoreGeneration"/>) after <c>RiskGrid:StoreResetGrace</c> (default 2 s, during
/// which probes and clients hear why: calls are refused with the store-reset error), and when it stays out of the
/// membership table after having been in it, after <c>RiskGrid:MembershipLossGrace</c> (default 30 s). It logs one
/// fatal line and exits with code 3 so that an orchestrator restarts it into a fresh cluster.
/// </summary>
public sealed partial class MembershipWatchdog(SiloHealth health, StoreGeneration? generation, IHostApplicationLifetime lifetime,
    ILogger<MembershipWatchdog> logger, TimeSpan grace, TimeSpan storeResetGrace) : BackgroundService
{
    public const int ExitCode = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasReady = false;
        DateTime? lostAt = null;
        DateTime? resetAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                var (ready, reason) = await health.CheckAsync(stoppingToken);
                if (generation?.LostReason is { } reset)
                {
                    resetAt ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - resetAt >= storeResetGrace)
                    {
                        Stop($"the cluster's store was reset ({reset})");
                        return;
                    }

                    continue;
                }

                if (ready)
                {
                    wasReady = true;
                    lostAt = null;
                    continue;
                }

                if (!wasReady)
                {
                    continue;
                }

                lostAt ??= DateTime.UtcNow;
                if (DateTime.UtcNow - lostAt >= grace)
                {
                    Stop($"this silo left the cluster's membership for {grace.TotalSeconds:0} s ({reason})");
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Stop(string why)
    {
        LogFatal(logger, why);
        Console.Error.WriteLine($"fatal: {why}; stopping so that it can be restarted into a fresh cluster");
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();

        // A graceful stop tries to say goodbye to the very table that is gone (a minute of retries): cut it short.
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            Environment.Exit(ExitCode);
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Why}; stopping")]
    private static partial void LogFatal(ILogger logger, string why);
}

public static class SiloHealthHosting
{
    /// <summary>The health service and the membership watchdog.</summary>
    public static IServiceCollection AddSiloHealth(this IServiceCollection services, TimeSpan membershipLossGrace, TimeSpan storeResetGrace)
    {
        services.AddSingleton<SiloHealth>();
        services.AddHostedService(sp => new MembershipWatchdog(sp.GetRequiredService<SiloHealth>(), sp.GetService<StoreGeneration>(),
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<MembershipWatchdog>>(), membershipLossGrace, storeResetGrace));
        return services;
    }

    /// <summary>
    /// <c>/health/live</c> (200 while the process serves), <c>/health/ready</c> (200 when this silo is an active
    /// member of the cluster's membership table, 503 with the reason otherwise) and <c>/health</c> (= ready), on
    /// the metrics port: what docker-compose and Kubernetes probes ask.
    /// </summary>
    public static WebApplication MapSiloHealth(this WebApplication app, int port)
    {
        app.MapGet("/health/live", () => Results.Text("live\n")).RequireHost($"*:{port}");
        app.MapGet("/health/ready", Ready).RequireHost($"*:{port}");
        app.MapGet("/health", Ready).RequireHost($"*:{port}");
        return app;

        static async Task<IResult> Ready(SiloHealth health, CancellationToken cancellationToken)
        {
            var (ready, reason) = await health.CheckAsync(cancellationToken);
            return Results.Text($"{(ready ? "ready" : "not ready")}: {reason}\n", statusCode: ready ? 200 : 503);
        }
    }
}
