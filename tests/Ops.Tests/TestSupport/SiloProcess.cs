namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>The built silo executable as a process (localhost clustering, in-memory state), on free ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
    }

    public string ClusterId { get; private init; } = "";

    public int GatewayPort { get; private init; }

    public int MetricsPort { get; private init; }

    public int DashboardPort { get; private init; }

    /// <summary>The line the silo printed when ready.</summary>
    public string ReadyLine { get; }

    public Uri MetricsUrl => new($"http://127.0.0.1:{MetricsPort}/metrics");

    public string Output => _process.Output;

    public static async Task<SiloProcess> StartAsync(params string[] extra)
    {
        var (silo, gateway, metrics, dashboard) = (Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free());
        var (process, readyLine) = await SiloExecutable.StartAsync("silo",
            [
                "--silo-port", $"{silo}", "--gateway-port", $"{gateway}", "--cluster-id", $"ops-{silo}",
                "--metrics-port", $"{metrics}", "--dashboard-port", $"{dashboard}",
                "--RiskGrid:Metrics:PairPublishInterval=00:00:01", "--RiskGrid:Metrics:PairTestsInterval=00:00:01", .. extra,
            ],
            TimeSpan.FromSeconds(90));
        return new SiloProcess(process, readyLine)
        {
            ClusterId = $"ops-{silo}",
            GatewayPort = gateway,
            MetricsPort = metrics,
            DashboardPort = dashboard,
        };
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
