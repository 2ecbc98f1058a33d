using Microsoft.Extensions.Logging;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Redis;
using StackExchange.Redis;

namespace RiskGrid.Grains.Hosting;

/// <summary>
/// Which generation of the cluster's store this silo serves. With Redis, the first silo of a store writes a
/// marker key (<c>{serviceId}/riskgrid/store-generation</c>, a fresh id, set only if absent) and every silo reads
/// it when it starts; then each checks it every <see cref="CheckInterval"/>. A marker that is gone or changed
/// (Redis restarted without persistence, flushed, or a new cluster started on the emptied store) means the
/// state this silo's grains hold is no longer what the store holds: the silo is then <see cref="LostReason">lost</see>
/// for good, refuses grain calls (<see cref="StoreGenerationFilter"/>) and reports not ready; the silo host stops it.
/// Redis not answering is not a reset (a restart with its append-only file keeps the marker). Without Redis the
/// store lives and dies with the silo and is not tracked (<see cref="Current"/> is empty).
/// </summary>
public sealed partial class StoreGeneration : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string? _redis;
    private readonly RedisKey _key;
    private readonly ILogger<StoreGeneration> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _connection;
    private Task? _checks;
    private volatile string? _lostReason;
    private int _disposed;

    public StoreGeneration(RiskGridSiloOptions options, ILogger<StoreGeneration> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = string.IsNullOrWhiteSpace(options.Redis) ? null : options.Redis;
        _key = KeyOf(options.ServiceId);
        _logger = logger;
    }

    /// <summary>The marker this silo started under; empty when the store is not tracked.</summary>
    public string Current { get; private set; } = "";

    /// <summary>Why this silo's store is no longer the one it started with; null while it is (or cannot be told).</summary>
    public string? LostReason => _lostReason;

    /// <summary>The Redis key of a service's marker.</summary>
    public static string KeyOf(string serviceId) => $"{serviceId}/riskgrid/store-generation";

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        // Before the silo joins the cluster or activates a grain.
        lifecycle.Subscribe(nameof(StoreGeneration), ServiceLifecycleStage.RuntimeInitialize, StartAsync, StopAsync);
    }

    /// <summary>Reads the marker now: the reason the store is lost, or null while it is intact or Redis does not answer.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (_connection is null || _lostReason is not null)
        {
            return _lostReason;
        }

        try
        {
            return Compare(await ReadAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null; // Unreachable or still loading its data: not evidence of a reset.
        }
    }

    /// <summary>
    /// Throws <see cref="StoreResetException"/> unless the store still holds the marker this silo started under (what
    /// <see cref="Storage.GenerationCheckedStorage"/> asks after each read, so that no grain activates on the empty store
    /// in the second before the periodic check sees it). A Redis that does not answer throws its own (transient) error.
    /// </summary>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        if (_connection is null)
        {
            return;
        }

        if ((_lostReason ?? Compare(await ReadAsync(cancellationToken))) is { } lost)
        {
            throw new StoreResetException($"storage refused: {lost}");
        }
    }

    private async Task<RedisValue> ReadAsync(CancellationToken cancellationToken) =>
        await _connection!.GetDatabase().StringGetAsync(_key).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);

    // The reason the store is lost if the marker read is not ours (and the silo then lost for good), else null.
    private string? Compare(RedisValue found)
    {
        if (found == Current)
        {
            return null;
        }

        var reason = found.IsNull
            ? $"its generation marker {_key} = {Current} is gone"
            : $"its generation marker {_key} changed from {Current} to {found}";
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            LogLost(_logger, reason);
        }

        return _lostReason;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Parse(_redis));
        var db = _connection.GetDatabase();
        await db.StringSetAsync(_key, Guid.NewGuid().ToString("N"), when: When.NotExists);
        Current = (string?)await db.StringGetAsync(_key) ?? throw new InvalidOperationException($"the store's generation marker {_key} could not be read back");
        LogGeneration(_logger, _key.ToString(), Current);
        _checks = Task.Run(() => CheckPeriodicallyAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task CheckPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken) && await CheckAsync(cancellationToken) is null)
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }

        if (_checks is { } checks)
        {
            await checks;
        }
    }

    // The container may dispose it twice (it is registered as itself and as a lifecycle participant).
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store generation {Key} = {Generation}")]
    private static partial void LogGeneration(ILogger logger, string key, string generation);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The cluster's store was reset: {Reason}; this silo refuses grain calls from now on")]
    private static partial void LogLost(ILogger logger, string reason);
}
