using System.Globalization;
using System.Net;
using RiskGrid.Grains.Redis;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// Where a running RiskGrid cluster is: a Redis (silos found through its membership table) given as
/// <c>redis://[user:password@]HOST:PORT</c>, <c>rediss://…</c> (TLS) or <c>redis://HOST:PORT,password=…[,user=…,ssl=true]</c>
/// (a StackExchange.Redis configuration string after the scheme), or gateways <c>HOST:PORT[,HOST:PORT…]</c>;
/// plus the cluster and service ids the silos were started with. <see cref="Redis"/> is what
/// <see cref="RedisConnection.Parse"/> takes; <see cref="ToString"/> never shows a password.
/// </summary>
public sealed record ClusterAddress(string? Redis, IReadOnlyList<IPEndPoint> Gateways, string ClusterId, string ServiceId)
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

        if (spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            // "redis://host:port,password=…" is a configuration string behind the scheme; anything else a URI.
            var redis = spec.Contains(',') && spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) ? spec["redis://".Length..] : spec;
            if (!ReferenceEquals(redis, spec))
            {
                // HOST:PORT first (redis://redis:6379,password=…, as docker-compose.yml passes).
                Endpoint(redis.Split(',')[0]);
            }

            try
            {
                RedisConnection.Parse(redis);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"--cluster: {ex.Message}");
            }

            return new ClusterAddress(redis, [], clusterId, serviceId);
        }

        return new ClusterAddress(null, [.. spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Endpoint)],
            clusterId, serviceId);
    }

    // Never the password: this text is printed and recorded in the run store.
    public override string ToString() =>
        (Redis is { } r ? RedisConnection.Redact(r.Contains("://", StringComparison.Ordinal) ? r : $"redis://{r}")
            : string.Join(",", Gateways.Select(g => g.ToString()))) + $" (cluster {ClusterId})";

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

}
