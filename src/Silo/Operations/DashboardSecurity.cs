using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RiskGrid.Silo.Operations;

/// <summary>
/// Who may see the Orleans dashboard. On loopback, anyone on the machine (as before). On any other address only
/// behind HTTP basic auth: without a password (<c>--dashboard-password</c>, better <c>RiskGrid__Operations__DashboardPassword</c>)
/// such a dashboard is turned off, with a warning. Its <c>/Trace</c> stream of the silo's log is always off
/// (<c>DashboardOptions.HideTrace</c>).
/// </summary>
public static class DashboardSecurity
{
    /// <summary>Turns a dashboard that may not be served off, saying why on stderr (once: it is then off).</summary>
    public static void Apply(SiloOperationsOptions options)
    {
        if (RefusalOf(options) is { } refusal)
        {
            Console.Error.WriteLine("warning: " + refusal);
            options.Dashboard = false;
        }
    }

    /// <summary>Why the dashboard asked for is not served, or null when it may be.</summary>
    public static string? RefusalOf(SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Dashboard || IsLoopback(options.DashboardAddress) || !string.IsNullOrEmpty(options.DashboardPassword))
        {
            return null;
        }

        return $"the dashboard on {options.DashboardAddress} (not loopback) needs a password: set RiskGrid__Operations__DashboardPassword " +
               "(or --dashboard-password) to serve it behind basic auth; dashboard off";
    }

    /// <summary>Basic auth in front of the dashboard's port when a password is set (/metrics and /health stay open when they share it).</summary>
    public static WebApplication UseDashboardAuthentication(this WebApplication app, SiloOperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Dashboard || string.IsNullOrEmpty(options.DashboardPassword))
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes($"{options.DashboardUser}:{options.DashboardPassword}");
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort != options.DashboardPort || IsOperationsPath(context.Request.Path, options) || Authorized(context.Request, expected))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"RiskGrid dashboard\", charset=\"UTF-8\"";
        });
        return app;
    }

    internal static bool IsLoopback(string address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    // With the dashboard on the metrics port, Prometheus and the probes still reach /metrics and /health without credentials.
    private static bool IsOperationsPath(PathString path, SiloOperationsOptions options) =>
        options.MetricsPort == options.DashboardPort &&
        (path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal));

    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
