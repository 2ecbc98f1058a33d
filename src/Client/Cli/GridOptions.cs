using System.CommandLine;
using RiskGrid.Client.Sdk;

namespace RiskGrid.Client.Cli;

/// <summary>The options that say which cluster a command talks to.</summary>
public sealed class GridOptions
{
    private GridOptions(Option<string?> cluster, Option<string> clusterId, Option<string> serviceId)
    {
        Cluster = cluster;
        ClusterId = clusterId;
        ServiceId = serviceId;
    }

    public Option<string?> Cluster { get; }

    public Option<string> ClusterId { get; }

    public Option<string> ServiceId { get; }

    /// <param name="defaultCluster">The cluster used when --cluster is not given; null for none (embedded).</param>
    public static GridOptions Create(string? defaultCluster = null) => new(
        new Option<string?>("--cluster")
        {
            Description = "A running cluster: redis://[USER:PASSWORD@]HOST:PORT, rediss://... (TLS) or redis://HOST:PORT,password=... (silos found through Redis) or gateways HOST:PORT[,HOST:PORT...]." +
                          (defaultCluster is null ? " Default: an embedded silo in this process." : $" Default: {defaultCluster}."),
            DefaultValueFactory = _ => defaultCluster,
        },
        new Option<string>("--cluster-id") { Description = "Cluster id the silos were started with.", DefaultValueFactory = _ => "riskgrid" },
        new Option<string>("--service-id") { Description = "Service id the silos were started with.", DefaultValueFactory = _ => "riskgrid" });

    /// <summary>The cluster named on the command line, or null for none; throws <see cref="ArgumentException"/> for a malformed one.</summary>
    public ClusterAddress? Address(ParseResult parse) =>
        parse.GetValue(Cluster) is { Length: > 0 } spec
            ? ClusterAddress.Parse(spec, parse.GetValue(ClusterId) ?? "riskgrid", parse.GetValue(ServiceId) ?? "riskgrid")
            : null;

    public IEnumerable<Option> All => [Cluster, ClusterId, ServiceId];

    /// <summary>Adds the three options to <paramref name="command"/>, after its own.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }
}
