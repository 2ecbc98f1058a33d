using System.Globalization;
using RiskGrid.Grains.Redis;
using StackExchange.Redis;

namespace RiskGrid.GridBench;

/// <summary>An admin connection to the benches' Redis for its <c>INFO</c> figures (used memory, bytes received).</summary>
internal sealed class RedisStats : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _mux;
    private readonly IServer _server;

    private RedisStats(ConnectionMultiplexer mux)
    {
        _mux = mux;
        _server = mux.GetServer(mux.GetEndPoints()[0]);
    }

    public static async Task<RedisStats> ConnectAsync(string redis)
    {
        var configuration = RedisConnection.Parse(redis);
        configuration.AllowAdmin = true; // INFO
        return new RedisStats(await ConnectionMultiplexer.ConnectAsync(configuration));
    }

    /// <summary>Bytes Redis has received since it started (<c>total_net_input_bytes</c>).</summary>
    public Task<long> NetInputAsync() => NumberAsync("stats", "total_net_input_bytes");

    /// <summary>Memory Redis uses now (<c>used_memory</c>).</summary>
    public Task<long> UsedMemoryAsync() => NumberAsync("memory", "used_memory");

    /// <summary>Bytes Redis holds (<c>MEMORY USAGE</c>, key and value) for the keys whose names contain <paramref name="fragment"/>
    /// and do not contain <paramref name="exclude"/>, and how many such keys there are (one SCAN over the database).</summary>
    public async Task<(long Bytes, int Keys)> KeyMemoryAsync(string fragment, string exclude)
    {
        var db = _mux.GetDatabase();
        long bytes = 0;
        var keys = 0;
        await foreach (var key in _server.KeysAsync(pattern: $"*{fragment}*", pageSize: 1000))
        {
            if (!key.ToString().Contains(exclude, StringComparison.Ordinal))
            {
                bytes += (long)(await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0"));
                keys++;
            }
        }

        return (bytes, keys);
    }

    public ValueTask DisposeAsync() => _mux.DisposeAsync();

    private async Task<long> NumberAsync(string section, string key) =>
        long.Parse((await _server.InfoAsync(section)).SelectMany(g => g).First(p => p.Key == key).Value, CultureInfo.InvariantCulture);
}
