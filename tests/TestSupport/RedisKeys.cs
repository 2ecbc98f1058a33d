using StackExchange.Redis;

namespace RiskGrid.Testing;

/// <summary>Clean-up of what a test cluster left in the shared Redis.</summary>
public static class RedisKeys
{
    /// <summary>Deletes every key containing <paramref name="fragment"/> (a test cluster's id or service id).</summary>
    public static async Task DeleteAsync(string redis, string fragment)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pattern: $"*{fragment}*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }
}
