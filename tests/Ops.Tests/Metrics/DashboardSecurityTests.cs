using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Metrics;

/// <summary>The Orleans dashboard: off on a non-loopback address without a password, behind basic auth with one; /Trace never served.</summary>
public sealed class DashboardSecurityTests
{
    [Fact]
    public async Task A_dashboard_on_every_interface_without_a_password_stays_off()
    {
        await using var silo = await SiloProcess.StartAsync("--dashboard-address", "0.0.0.0");
        Assert.Contains("dashboard off", silo.ReadyLine);
        Assert.Contains("the dashboard on 0.0.0.0 (not loopback) needs a password", silo.Output);
        using var tcp = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => tcp.ConnectAsync("127.0.0.1", silo.DashboardPort));
        Assert.Contains("process_cpu_seconds_total", await MeteredSiloFixture.Http.GetStringAsync(silo.MetricsUrl)); // metrics unaffected
    }

    [Fact]
    public async Task With_a_password_the_dashboard_asks_for_it_and_never_streams_the_trace()
    {
        await using var silo = await SiloProcess.StartAsync("--dashboard-address", "0.0.0.0",
            "--RiskGrid:Operations:DashboardUser=ops", "--RiskGrid:Operations:DashboardPassword=s3cret-Pass");
        Assert.Contains($"dashboard http://0.0.0.0:{silo.DashboardPort}/", silo.ReadyLine);
        var root = new Uri($"http://127.0.0.1:{silo.DashboardPort}/");

        using (var anonymous = await MeteredSiloFixture.Http.GetAsync(root))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(root, "ops", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(root, "other", "s3cret-Pass")).StatusCode);
        using var page = await Get(root, "ops", "s3cret-Pass");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var trace = await Get(new Uri(root, "Trace"), "ops", "s3cret-Pass");
        var body = await trace.Content.ReadAsStringAsync();
        Assert.Contains("trace endpoint is disabled", body, StringComparison.OrdinalIgnoreCase);
        // Prometheus needs no credentials.
        Assert.Contains("process_cpu_seconds_total", await MeteredSiloFixture.Http.GetStringAsync(silo.MetricsUrl));
    }

    [Fact]
    public async Task On_loopback_the_dashboard_is_open_but_its_trace_is_off()
    {
        await using var silo = await SiloProcess.StartAsync();
        var root = new Uri($"http://127.0.0.1:{silo.DashboardPort}/");
        using var page = await MeteredSiloFixture.Http.GetAsync(root);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var trace = await MeteredSiloFixture.Http.GetAsync(new Uri(root, "Trace"), HttpCompletionOption.ResponseHeadersRead);
        var body = await trace.Content.ReadAsStringAsync();
        Assert.Contains("trace endpoint is disabled", body, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpResponseMessage> Get(Uri uri, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await MeteredSiloFixture.Http.SendAsync(request);
    }
}
