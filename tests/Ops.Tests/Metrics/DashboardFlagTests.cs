using System.Net.Sockets;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Metrics;

public sealed class DashboardFlagTests
{
    [Fact]
    public async Task No_dashboard_leaves_only_the_metrics_endpoint()
    {
        await using var silo = await SiloProcess.StartAsync("--no-dashboard");
        Assert.Contains("dashboard off", silo.ReadyLine);
        var metrics = await MeteredSiloFixture.Http.GetStringAsync(silo.MetricsUrl);
        Assert.Contains("process_cpu_seconds_total", metrics);
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", silo.DashboardPort));
    }
}
