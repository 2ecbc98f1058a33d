using System.Diagnostics;
using System.Net;
using RiskGrid.Grid.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Grid.Tests.Scaling;

/// <summary>
/// A silo's health endpoints against a real Redis: live while it runs, ready while the cluster's membership
/// table lists it as active; when the table is gone readiness turns false and the silo stops with a fatal line
/// and exit code 3 instead of looping.
/// </summary>
public sealed class SiloHealthTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task Health_reports_membership_truthfully_and_a_silo_whose_membership_table_vanished_stops_instead_of_looping()
    {
        var redis = RedisEnvironment.Address ?? throw new InvalidOperationException(
            $"CI=true but the silo health test cannot run: {RedisEnvironment.Problem}");
        var clusterId = $"riskgrid-health-{Guid.NewGuid():N}"[..28];
        var metricsPort = Ports.Free();
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var silo = await SiloProcess.StartAsync(redis, clusterId, TimeSpan.FromSeconds(90),
            "--metrics-port", $"{metricsPort}", "--no-dashboard", "--RiskGrid:MembershipLossGrace", "00:00:04");
        try
        {
            var url = $"http://127.0.0.1:{metricsPort}";
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/health/live")).StatusCode);
            await WaitForAsync(http, $"{url}/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/health")).StatusCode);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: ready: {await http.GetStringAsync($"{url}/health/ready")}");

            // The membership table vanishes under the running silo (once its watchdog has seen it a member: it stops only a
            // silo that was in). The rest of the store stays: a whole reset is RedisResetTests' case.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await RedisKeys.DeleteAsync(redis, $"{clusterId}/members/");
            var notReady = await WaitForAsync(http, $"{url}/health/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: after the reset: {notReady}");
            Assert.Contains("not ready", notReady);

            var exit = Stopwatch.StartNew();
            while (!silo.HasExited && exit.Elapsed < TimeSpan.FromSeconds(40))
            {
                await Task.Delay(200);
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: exited {silo.HasExited}");
            Assert.True(silo.HasExited, $"the silo kept running with no membership entry:\n{silo.Output}");
            Assert.Equal(3, silo.ExitCode);
            Assert.Contains("fatal: this silo left the cluster's membership", silo.Output);
        }
        finally
        {
            await silo.DisposeAsync();
            await RedisKeys.DeleteAsync(redis, clusterId);
        }
    }

    private static async Task<string> WaitForAsync(HttpClient http, string url, HttpStatusCode status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            try
            {
                var response = await http.GetAsync(url);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == status)
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} did not answer {(int)status} within {timeout.TotalSeconds:0} s; last: {last}");
    }
}
