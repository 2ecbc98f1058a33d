using System.Diagnostics;
using RiskGrid.Client.Sdk;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Ops.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Ops.Tests.Dashboards;

/// <summary>The dashboards and alert rules against a silo that did work, and a real Prometheus scraping it.</summary>
[Collection(MeteredSiloCollection.Name)]
public sealed class LiveDashboardTests(MeteredSiloFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Every_metric_a_panel_or_alert_names_is_exported_by_the_silo()
    {
        var exported = MetricsText.Names(fixture.MetricsText);
        var missing = new List<string>();
        foreach (var query in GrafanaFiles.PanelQueries())
        {
            missing.AddRange(PromQl.MetricNames(query.Expr).Where(n => !exported.Contains(n) && n != "up").Select(n => $"{n} in {query}"));
        }

        foreach (var (file, expr) in GrafanaFiles.AlertExpressions())
        {
            missing.AddRange(PromQl.MetricNames(expr).Where(n => !exported.Contains(n) && n != "up").Select(n => $"{n} in {file}: {expr}"));
        }

        Assert.True(missing.Count == 0, "not exported by the silo:\n" + string.Join("\n", missing));
    }

    [ToolFact("prometheus")]
    public async Task Every_panel_query_returns_data_from_a_real_prometheus_scrape()
    {
        var clock = Stopwatch.StartNew();
        await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{fixture.Silo.MetricsPort}"]);
        await prometheus.WaitUntilAsync(async () => (await prometheus.QueryAsync("riskgrid_pair_var_percent")).GetArrayLength() > 0,
            TimeSpan.FromSeconds(60), "first scrape of the silo");
        // rate() and increase() need two samples in their window: wait a few 1-second scrapes more.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var queries = GrafanaFiles.PanelQueries();
        var empty = new List<string>();
        foreach (var query in queries)
        {
            if ((await prometheus.QueryAsync(query.Expr)).GetArrayLength() == 0)
            {
                empty.Add(query.ToString());
            }
        }

        Assert.True(empty.Count == 0, $"{empty.Count} of {queries.Count} panel queries returned no data:\n" + string.Join("\n", empty));
        Assert.True((await prometheus.QueryAsync("up{job=\"riskgrid-silo\"} == 1")).GetArrayLength() == 1);

        // Every alert rule loaded and evaluates without error.
        var groups = (await prometheus.GetAsync("/api/v1/rules")).GetProperty("groups").EnumerateArray().ToList();
        var rules = groups.SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        Assert.Contains(rules, r => r.GetProperty("name").GetString() == "RiskGridTrafficLightRed");
        Assert.Contains(rules, r => r.GetProperty("name").GetString() == "RiskGridStaleData");
        await prometheus.WaitUntilAsync(async () =>
        {
            var current = (await prometheus.GetAsync("/api/v1/rules")).GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
            return current.All(r => r.GetProperty("health").GetString() == "ok");
        }, TimeSpan.FromSeconds(20), "every alert rule evaluated with health ok");

        // End to end through an alert: a price refused now (a duplicate date) fires RiskGridRowsRejected.
        await using (var connection = await RiskGridConnection.ConnectAsync(
                         ClusterAddress.Parse($"127.0.0.1:{fixture.Silo.GatewayPort}", clusterId: fixture.Silo.ClusterId)))
        {
            var day = new DateOnly(2030, 1, 7);
            await Assert.ThrowsAsync<PriceRejectedException>(() => connection.Client.PushAsync("ops",
                [new InstrumentPrices("SYN02", [DailyPrice.FromClose(day, 100), DailyPrice.FromClose(day, 100)])]));
        }

        await prometheus.WaitUntilAsync(async () =>
            (await prometheus.QueryAsync("ALERTS{alertname=\"RiskGridRowsRejected\", instrument=\"SYN02\", reason=\"duplicate_date\"}")).GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "RiskGridRowsRejected firing for SYN02");
        output.WriteLine($"{queries.Count} panel queries and {rules.Count} alert rules checked against Prometheus in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
