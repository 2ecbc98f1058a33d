using StackExchange.Redis;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>
/// The Redis the scale-out tests use: <c>RISKGRID_REDIS</c> (HOST:PORT), which <c>.ci/run</c> starts and
/// exports. Where it is unset or unreachable, <see cref="RedisFactAttribute"/> tests skip locally saying
/// why and fail under CI (<see cref="RiskGrid.Testing.CiEnvironment"/>).
/// </summary>
public static class RedisEnvironment
{
    public const string Variable = "RISKGRID_REDIS";

    private static readonly Lazy<(string? Address, string? Problem)> Probe = new(Check);

    public static string? Address => Probe.Value.Address;

    /// <summary>Why Redis cannot be used, or null when it can.</summary>
    public static string? Problem => Probe.Value.Problem;

    private static (string?, string?) Check()
    {
        var address = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(address))
        {
            return (null, $"{Variable} is not set (HOST:PORT of a Redis server; .ci/run starts one on 127.0.0.1:6379 and exports it)");
        }

        try
        {
            var options = ConfigurationOptions.Parse(address);
            options.ConnectTimeout = 3000;
            options.AbortOnConnectFail = true;
            using var redis = ConnectionMultiplexer.Connect(options);
            redis.GetDatabase().Ping();
            return (address, null);
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or TimeoutException)
        {
            return (null, $"Redis at {Variable}={address} is unreachable: {ex.Message}");
        }
    }
}
