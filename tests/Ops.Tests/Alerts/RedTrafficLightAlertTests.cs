using System.Text.Json;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Alerts;

/// <summary>
/// The alerting path end to end: a silo whose pair is in the Basel red zone, a real Prometheus with the repository's
/// rules, a real Alertmanager with the repository's routing, and a local webhook that must receive the alert.
/// </summary>
public sealed class RedTrafficLightAlertTests
{
    [ToolFact("prometheus-alertmanager")]
    public async Task A_red_traffic_light_reaches_the_webhook_through_prometheus_and_alertmanager()
    {
        using var webhook = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerServer.StartAsync(webhook.Url);
        await using var silo = await SiloProcess.StartAsync("--no-dashboard");
        await using (var connection = await RiskGridConnection.ConnectAsync(
                         ClusterAddress.Parse($"127.0.0.1:{silo.GatewayPort}", clusterId: silo.ClusterId)))
        {
            await connection.Client.DefineUniverseAsync("alerts", new RollingSettings(100, 1, [0.99]), ["hs"], ["CRASH"]);
            await connection.Client.PushAsync("alerts", [new InstrumentPrices("CRASH", [.. CrashingPrices()])]);
        }

        // The rule's `for: 1m` shortened so the test does not wait a minute; expression, labels and annotations are the committed ones.
        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{silo.MetricsPort}"],
            alertmanager: $"127.0.0.1:{alertmanager.Port}", rules: r => r.Replace("for: 1m", "for: 2s", StringComparison.Ordinal));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement alert = default;
        while (!Find(webhook.Posts, out alert))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"no RiskGridTrafficLightRed at the webhook after 60 s; posts: {string.Join("\n", webhook.Posts)}\n" +
                $"alerts in Prometheus: {await prometheus.GetAsync("/api/v1/alerts")}\nAlertmanager:\n{alertmanager.Output}");
            await Task.Delay(500);
        }

        var labels = alert.GetProperty("labels");
        Assert.Equal("CRASH", labels.GetProperty("instrument").GetString());
        Assert.Equal("hs", labels.GetProperty("model").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Contains("CRASH / hs", alert.GetProperty("annotations").GetProperty("summary").GetString());
    }

    private static bool Find(IReadOnlyList<JsonElement> posts, out JsonElement alert)
    {
        foreach (var post in posts)
        {
            Assert.Equal("riskgrid-webhook", post.GetProperty("receiver").GetString()); // the committed route's receiver
            foreach (var a in post.GetProperty("alerts").EnumerateArray())
            {
                if (a.GetProperty("labels").GetProperty("alertname").GetString() == "RiskGridTrafficLightRed")
                {
                    alert = a;
                    return true;
                }
            }
        }

        alert = default;
        return false;
    }

    // 100 calm days (±0.5%), then 250 days with a crash every 20th day, each worse than any before: historical
    // simulation on a 100-day window never expects it, so all 12 are exceptions at 99% (red from 10 in 250 days).
    private static List<DailyPrice> CrashingPrices()
    {
        var prices = new List<DailyPrice>();
        var date = new DateOnly(2020, 1, 1);
        var close = 100.0;
        var crashes = 0;
        for (var day = 0; day <= 350; day++)
        {
            if (day > 0)
            {
                var crash = day > 100 && (day - 100) % 20 == 0;
                close *= crash ? 1 - (3 + 0.5 * crashes++) / 100 : day % 2 == 0 ? 1.005 : 0.995;
            }

            prices.Add(DailyPrice.FromClose(date.AddDays(day), close));
        }

        return prices;
    }
}
