namespace RiskGrid.Silo.Operations;

/// <summary>
/// The silo's HTTP side, bound from <c>RiskGrid:Operations</c> (command line: <c>--metrics-port</c>,
/// <c>--metrics-address</c>, <c>--dashboard-port</c>, <c>--dashboard-address</c>, <c>--no-dashboard</c>).
/// Both listen on loopback unless told otherwise: expose them on purpose (a container, a scrape network).
/// </summary>
public sealed class SiloOperationsOptions
{
    public const string Section = "RiskGrid:Operations";

    /// <summary>Command-line switches mapped onto this section.</summary>
    public static IDictionary<string, string> CommandLineSwitches { get; } = new Dictionary<string, string>
    {
        ["--metrics-port"] = $"{Section}:{nameof(MetricsPort)}",
        ["--metrics-address"] = $"{Section}:{nameof(MetricsAddress)}",
        ["--dashboard-port"] = $"{Section}:{nameof(DashboardPort)}",
        ["--dashboard-address"] = $"{Section}:{nameof(DashboardAddress)}",
        ["--dashboard"] = $"{Section}:{nameof(Dashboard)}",
        ["--dashboard-user"] = $"{Section}:{nameof(DashboardUser)}",
        ["--dashboard-password"] = $"{Section}:{nameof(DashboardPassword)}",
    };

    /// <summary>Port of the Prometheus endpoint (<c>/metrics</c>).</summary>
    public int MetricsPort { get; set; } = 9464;

    public string MetricsAddress { get; set; } = "127.0.0.1";

    /// <summary>The Orleans dashboard; off with <c>--no-dashboard</c> or <c>RiskGrid:Operations:Dashboard=false</c>.</summary>
    public bool Dashboard { get; set; } = true;

    public int DashboardPort { get; set; } = 8080;

    public string DashboardAddress { get; set; } = "127.0.0.1";

    /// <summary>Basic-auth user of the dashboard (with <see cref="DashboardPassword"/>).</summary>
    public string DashboardUser { get; set; } = "riskgrid";

    /// <summary>
    /// Basic-auth password of the dashboard; required to serve it on a non-loopback address (see
    /// <see cref="DashboardSecurity"/>). Give it through the environment or a secret, not the command line.
    /// </summary>
    public string? DashboardPassword { get; set; }

    /// <summary>The arguments with the flag <c>--no-dashboard</c> spelled as <c>--dashboard false</c>
    /// (configuration's command-line provider wants a value after every switch).</summary>
    public static string[] Normalize(string[] args) =>
        [.. args.SelectMany(a => a == "--no-dashboard" ? (string[])["--dashboard", "false"] : [a])];
}
