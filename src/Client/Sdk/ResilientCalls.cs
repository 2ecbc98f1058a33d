using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// Grain calls that survive the loss of a silo. Every RiskGrid write is idempotent (pairs skip the
/// prices they already have), so a failed call is simply sent again. And since a call whose target
/// silo died gets no answer until the response timeout, a call in flight is abandoned (and resent)
/// as soon as a silo that was active when it started leaves the cluster. Calls carry the store generation the
/// client first saw, so that a cluster whose store was reset refuses them (<see cref="StoreResetException"/>);
/// a cluster that stays unreachable past <see cref="RiskGridClientOptions.RetryFor"/> ends in
/// <see cref="RiskGridConnectionException"/>.
/// </summary>
internal sealed partial class ResilientCalls(IClusterClient cluster, RiskGridClientOptions options, ILogger logger)
{
    private IManagementGrain Management => cluster.GetGrain<IManagementGrain>(0);

    // The store generation the cluster served at this client's first call (empty: not tracked), sent along with
    // every call: a cluster whose store was reset since refuses them with StoreResetException, never a silent
    // continuation on empty state.
    private string? _generation;

    public int Retries { get; private set; }

    public async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                _generation ??= await cluster.GetGrain<IStoreGenerationGrain>(0).GetGenerationAsync();
                if (_generation.Length > 0)
                {
                    RequestContext.Set(StoreGenerationContext.Key, _generation);
                }

                return await WatchingSilosAsync(call, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                if (clock.Elapsed >= options.RetryFor)
                {
                    throw new RiskGridConnectionException(
                        $"{what}: the cluster gave no answer for {options.RetryFor.TotalSeconds:0} s ({ex.GetType().Name}: {FirstLine(ex.Message)})", ex);
                }

                Retries++;
                LogRetry(logger, what, clock.Elapsed.TotalSeconds, ex.GetType().Name, FirstLine(ex.Message));
                await Task.Delay(options.RetryDelay, cancellationToken);
            }
        }
    }

    // Anything but a refusal of the request itself (bad input, unknown names), a cancellation or a bug.
    private static bool IsTransient(Exception ex) =>
        ex is not (RiskGridException or ArgumentException or OperationCanceledException or NullReferenceException or InvalidCastException);

    private async Task<T> WatchingSilosAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var before = await ActiveSilosAsync();
        var task = call();
        while (await Task.WhenAny(task, Task.Delay(options.SiloCheckInterval, cancellationToken)) != task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (before is null || await ActiveSilosAsync() is not { } now)
            {
                continue;
            }

            var lost = before.Where(s => !now.Contains(s)).ToArray();
            if (lost.Length > 0)
            {
                // The abandoned call may still fail later; observe it so it is not reported as unobserved.
                _ = task.ContinueWith(static t => t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw new SiloUnavailableException($"silo {string.Join(", ", lost.AsEnumerable())} left the cluster during the call");
            }
        }

        return await task;
    }

    // The active silos, or null when the cluster cannot say right now (the management grain may be moving too).
    private async Task<HashSet<SiloAddress>?> ActiveSilosAsync()
    {
        try
        {
            var hosts = await Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2));
            return [.. hosts.Keys];
        }
        catch (Exception ex) when (ex is TimeoutException || IsTransient(ex))
        {
            return null;
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed after {Seconds:0.0} s ({Exception}: {Message}); sending it again")]
    private static partial void LogRetry(ILogger logger, string what, double seconds, string exception, string message);
}
