using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Deploy;

public sealed class DeployFileTests
{
    [ToolFact("docker-compose")]
    public async Task Docker_compose_file_validates_and_wires_redis_silos_prometheus_alertmanager_and_grafana()
    {
        var (code, config, stderr) = await ComposeStackTests.ComposeAsync(new Dictionary<string, string>
        {
            ["REDIS_PASSWORD"] = "r", ["GRAFANA_ADMIN_PASSWORD"] = "g", ["DASHBOARD_PASSWORD"] = "d",
        }, "config");
        Assert.True(code == 0, $"docker-compose config failed:\n{stderr}");
        foreach (var service in new[] { "redis:", "silo1:", "silo2:", "prometheus:", "alertmanager:", "grafana:" })
        {
            Assert.Contains(service, config);
        }

        Assert.Contains("RiskGrid__Redis", config);
        Assert.Contains("--no-dashboard", config); // only one silo carries the dashboard
        Assert.Contains("grafana/provisioning", config);
    }

    [Fact]
    public void Dockerfiles_are_multi_stage_and_compose_refers_to_files_that_exist()
    {
        var silo = File.ReadAllLines(Repository.Path("deploy", "silo.Dockerfile"));
        Assert.True(silo.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2, "silo.Dockerfile should build in one stage and run in another");
        Assert.Contains(silo, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        var compose = File.ReadAllText(Repository.Path("docker-compose.yml"));
        foreach (var path in new[] { "deploy/silo.Dockerfile", "deploy/prometheus/prometheus.yml", "deploy/prometheus/alerts.yml", "deploy/alertmanager/alertmanager.yml", "grafana/provisioning", "grafana/dashboards" })
        {
            Assert.Contains(path, compose);
            Assert.True(File.Exists(Repository.Path(path.Split('/'))) || Directory.Exists(Repository.Path(path.Split('/'))), $"{path} is missing");
        }
    }
}
