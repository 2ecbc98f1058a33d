using System.Text.Json;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Dashboards;

public sealed class DashboardFileTests
{
    [Fact]
    public void The_dashboards_parse_with_unique_ids_and_targets_on_their_provisioned_datasource()
    {
        Assert.Equal(["data-quality.json", "history.json", "infrastructure.json", "model-performance.json", "risk-metrics.json"],
            GrafanaFiles.DashboardPaths.Select(Path.GetFileName));
        Assert.NotEqual(GrafanaFiles.ProvisionedDatasourceUid(), GrafanaFiles.HistoryDatasourceUid());
        var dashboardUids = new HashSet<string>();
        foreach (var path in GrafanaFiles.DashboardPaths)
        {
            var uid = Path.GetFileName(path) == GrafanaFiles.HistoryDashboard ? GrafanaFiles.HistoryDatasourceUid() : GrafanaFiles.ProvisionedDatasourceUid();
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            Assert.True(dashboardUids.Add(root.GetProperty("uid").GetString()!), $"{path}: duplicate dashboard uid");
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
            var panels = GrafanaFiles.Panels(root).ToList();
            var ids = panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{path}: panel ids repeat");
            var queryPanels = panels.Where(p => p.GetProperty("type").GetString() != "row").ToList();
            Assert.True(queryPanels.Count >= 4, $"{path}: only {queryPanels.Count} panels");
            foreach (var panel in queryPanels)
            {
                var title = panel.GetProperty("title").GetString();
                Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString());
                var targets = panel.GetProperty("targets").EnumerateArray().ToList();
                Assert.True(targets.Count > 0, $"{path}: panel '{title}' has no targets");
                Assert.All(targets, t =>
                {
                    Assert.Equal(uid, t.GetProperty("datasource").GetProperty("uid").GetString());
                    Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), $"{path}: '{title}' has an empty query");
                });
                var grid = panel.GetProperty("gridPos");
                Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            }

            if (root.TryGetProperty("templating", out var templating))
            {
                Assert.All(templating.GetProperty("list").EnumerateArray(),
                    v => Assert.Equal(uid, v.GetProperty("datasource").GetProperty("uid").GetString()));
            }
        }
    }

    [Fact]
    public void Alert_rules_cover_a_red_traffic_light_and_stale_data_in_both_formats()
    {
        var prometheus = File.ReadAllText(Repository.Path("deploy", "prometheus", "alerts.yml"));
        Assert.Contains("riskgrid_pair_traffic_light_zone", prometheus);
        Assert.Contains("riskgrid_instrument_staleness_seconds", prometheus);
        var grafana = File.ReadAllText(Repository.Path("grafana", "provisioning", "alerting", "riskgrid-alerts.yaml"));
        Assert.Contains("riskgrid_pair_traffic_light_zone", grafana);
        Assert.Contains("riskgrid_instrument_staleness_seconds", grafana);
        Assert.Contains($"datasourceUid: {GrafanaFiles.ProvisionedDatasourceUid()}", grafana);
        var provider = File.ReadAllText(Repository.Path("grafana", "provisioning", "dashboards", "riskgrid.yaml"));
        Assert.Contains("path: /var/lib/grafana/dashboards", provider);
    }

    [Fact]
    public void PromQl_metric_names_are_read_correctly()
    {
        Assert.Equal(["riskgrid_model_fit_duration_seconds_bucket"],
            PromQl.MetricNames("histogram_quantile(0.95, sum by (model, le) (rate(riskgrid_model_fit_duration_seconds_bucket[5m])))"));
        Assert.Equal(["riskgrid_instrument_staleness_seconds"],
            PromQl.MetricNames("count(riskgrid_instrument_staleness_seconds > 93600) or vector(0)"));
        Assert.Equal(["riskgrid_pair_es_percent", "riskgrid_pair_var_percent"],
            PromQl.MetricNames("riskgrid_pair_es_percent{model=~\"a|b\"} / on (instrument) riskgrid_pair_var_percent{level=\"0.99\"} > bool 1e3").Order());
    }
}
