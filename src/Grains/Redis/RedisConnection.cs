using System.Globalization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace RiskGrid.Grains.Redis;

/// <summary>
/// How silos and clients name their Redis: a StackExchange.Redis configuration string
/// (<c>host:port,password=…,user=…,ssl=true</c>) or a URI (<c>redis://[user:password@]host[:port][/db]</c>,
/// <c>rediss://…</c> for TLS). A password is never printed: <see cref="Redact"/> is what logs and errors show.
/// </summary>
public static partial class RedisConnection
{
    /// <summary>Options for <paramref name="spec"/>; failing to connect at start is an error. Throws
    /// <see cref="ArgumentException"/> (with the spec redacted) for a malformed one.</summary>
    public static ConfigurationOptions Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        ConfigurationOptions configuration;
        if (IsUri(spec))
        {
            if (!Uri.TryCreate(spec, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                throw new ArgumentException($"redis: '{Redact(spec)}' is not redis://[user:password@]host[:port][/db]");
            }

            configuration = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
            configuration.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
            if (uri.UserInfo is { Length: > 0 } info)
            {
                var colon = info.IndexOf(':');
                var user = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
                var password = colon < 0 ? null : Uri.UnescapeDataString(info[(colon + 1)..]);
                configuration.User = user.Length > 0 && password is not null ? user : null;
                configuration.Password = password ?? user;
            }

            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
            {
                configuration.DefaultDatabase = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db)
                    ? db
                    : throw new ArgumentException($"redis: '{Redact(spec)}': database '{path}' is not a number");
            }
        }
        else
        {
            try
            {
                configuration = ConfigurationOptions.Parse(spec);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                throw new ArgumentException($"redis: '{Redact(spec)}' is not a Redis configuration (host:port[,password=…]) or redis:// URI");
            }

            if (configuration.EndPoints.Count == 0)
            {
                throw new ArgumentException($"redis: '{Redact(spec)}' names no host:port");
            }
        }

        configuration.AbortOnConnectFail = true;
        configuration.ConnectTimeout = 5000;
        return configuration;
    }

    /// <summary><paramref name="spec"/> with any password replaced by <c>***</c>.</summary>
    public static string Redact(string? spec)
    {
        if (string.IsNullOrEmpty(spec))
        {
            return spec ?? "";
        }

        var redacted = ConfigPassword().Replace(spec, "${key}=***");
        return IsUri(redacted)
            ? UriPassword().Replace(redacted, m => m.Groups["user"].Value + (m.Groups["password"].Success ? ":***" : "***") + "@")
            : redacted;
    }

    private static bool IsUri(string spec) =>
        spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);

    // redis://user:password@ → redis://user:***@ ; redis://password@ → redis://***@
    [GeneratedRegex(@"(?<=^rediss?://)(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"(?<key>password)=[^,]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigPassword();
}
