using System.Xml.Linq;
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

    // The restore stage copies the project files alone (so the restore is cached); a project the restored one
    // references that is not copied breaks the image build, which no other test runs.
    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("cli.Dockerfile")]
    public void A_Dockerfile_copies_every_project_its_restore_needs(string dockerfile)
    {
        var lines = File.ReadAllLines(Repository.Path("deploy", dockerfile));
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        Assert.True(restore > 0, $"{dockerfile}: no 'RUN dotnet restore PROJECT' line");
        var copied = lines[..restore].Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToHashSet(StringComparer.Ordinal);
        var project = lines[restore].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        var missing = Closure(project).Where(p => !copied.Contains(p)).Order().ToArray();
        Assert.True(missing.Length == 0, $"{dockerfile} restores {project} without copying {string.Join(", ", missing)} first");
    }

    // The project and every project it references, directly or not, as repository-relative paths.
    private static HashSet<string> Closure(string project)
    {
        var root = Repository.Root;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([project]);
        while (todo.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var full = Path.Combine(root, next);
            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, reference.Attribute("Include")!.Value));
                todo.Push(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return seen;
    }
}
