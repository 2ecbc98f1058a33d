using System.Globalization;
using System.Net;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// Where a running RiskGrid cluster is: <c>redis://HOST:PORT</c> (silos found through the Redis
/// membership table) or gateways <c>HOST:PORT[,HOST:PORT…]</c>; plus the cluster and service ids the
/// silos were started with.
/// </summary>
public sealed partial record ClusterAddress(string? Redis, IReadOnlyList<IPEndPoint> Gateways, string ClusterId, string ServiceId)
{
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>Parses <c>redis://HOST:PORT</c> or <c>HOST:PORT[,HOST:PORT…]</c>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static ClusterAddress Parse(string spec, string clusterId = "riskgrid", string serviceId = "riskgrid")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException("--cluster: empty; expected redis://HOST:PORT or HOST:PORT[,HOST:PORT...]");
        }

        const string redisScheme = "redis://";
        if (spec.StartsWith(redisScheme, StringComparison.OrdinalIgnoreCase))
        {
            // HOST:PORT, then StackExchange.Redis options if any (redis://redis:6379,password=…, as docker-compose.yml passes).
            var redis = spec[redisScheme.Length..];
            Endpoint(redis.Split(',')[0]);
            return new ClusterAddress(redis, [], clusterId, serviceId);
        }

        return new ClusterAddress(null, [.. spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Endpoint)],
            clusterId, serviceId);
    }

    // Never the password: this text is printed and recorded in the run store.
    public override string ToString() =>
        (Redis is { } r ? $"redis://{RedisPassword().Replace(r, "password=***")}" : string.Join(",", Gateways.Select(g => g.ToString()))) + $" (cluster {ClusterId})";

    private static IPEndPoint Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--cluster: '{text}' is not HOST:PORT");
        }

        var host = text[..colon];
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var v4 = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return v4 is null ? throw new ArgumentException($"--cluster: host '{host}' has no address") : new IPEndPoint(v4, port);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new ArgumentException($"--cluster: cannot resolve host '{host}': {ex.Message}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("password=[^,]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RedisPassword();
}
