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

    public ValueTask DisposeAsync() => _mux.DisposeAsync();

    private async Task<long> NumberAsync(string section, string key) =>
        long.Parse((await _server.InfoAsync(section)).SelectMany(g => g).First(p => p.Key == key).Value, CultureInfo.InvariantCulture);
}
