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

    [Fact]
    public async Task A_metrics_port_already_taken_gives_way_to_a_free_one_named_in_the_ready_line()
    {
        using var holder = new TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        await using var silo = await SiloProcess.StartAsync("--metrics-port", $"{taken}", "--no-dashboard");
        var url = System.Text.RegularExpressions.Regex.Match(silo.ReadyLine, @"metrics (http://\S+/metrics)").Groups[1].Value;
        Assert.DoesNotContain($":{taken}/", url);
        Assert.Contains($"metrics port {taken} on 127.0.0.1 is in use", silo.Output);
        Assert.Contains("process_cpu_seconds_total", await MeteredSiloFixture.Http.GetStringAsync(new Uri(url)));
    }
}
