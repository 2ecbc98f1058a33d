using System.Text.RegularExpressions;
using RiskGrid.Ops.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace RiskGrid.Ops.Tests.Deploy;

/// <summary>
/// The compose stack is production-shaped: checked on the file as docker-compose resolves it (`docker-compose config`,
/// passwords given as a user's .env would) and on the Dockerfiles it builds.
/// </summary>
public sealed partial class ComposeStackTests
{
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["REDIS_PASSWORD"] = "test-redis-secret",
        ["GRAFANA_ADMIN_PASSWORD"] = "test-grafana-secret",
        ["DASHBOARD_PASSWORD"] = "test-dashboard-secret",
    };

    private static readonly string[] LongRunning = ["redis", "silo1", "silo2", "silo-gpu", "prometheus", "alertmanager", "grafana", "prometheus-history"];

    [ToolFact("docker-compose")]
    public async Task Every_service_is_health_checked_and_waits_for_healthy_dependencies()
    {
        var services = await ResolvedServicesAsync();
        foreach (var name in LongRunning)
        {
            var healthcheck = Assert.IsType<YamlMappingNode>(services[name].Children[new YamlScalarNode("healthcheck")]);
            Assert.NotEmpty(Sequence(healthcheck, "test"));
        }

        foreach (var silo in new[] { "silo1", "silo2", "silo-gpu" })
        {
            var probe = string.Join(' ', Sequence((YamlMappingNode)services[silo]["healthcheck"], "test"));
            Assert.Contains("http://127.0.0.1:9464/health/ready", probe); // the silo's readiness on its metrics port
        }

        var edges = new List<(string From, string To)>();
        foreach (var (name, service) in services)
        {
            if (!service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var node))
            {
                continue;
            }

            foreach (var (dependency, condition) in Assert.IsType<YamlMappingNode>(node).Children)
            {
                Assert.Equal("service_healthy", Scalar((YamlMappingNode)condition, "condition"));
                edges.Add((name, dependency.ToString()));
            }
        }

        Assert.Contains(("silo1", "redis"), edges);
        Assert.Contains(("silo2", "redis"), edges);
        Assert.Contains(("prometheus", "silo1"), edges);
        Assert.Contains(("prometheus", "alertmanager"), edges);
        Assert.Contains(("grafana", "prometheus"), edges);
        Assert.Contains(("benchmark", "silo1"), edges);
    }

    [ToolFact("docker-compose")]
    public async Task Secrets_come_from_the_environment_and_nothing_runs_without_them()
    {
        var services = await ResolvedServicesAsync();
        var redis = string.Join(' ', Sequence(services["redis"], "command"));
        Assert.Contains("--requirepass", redis);
        Assert.Equal(Secrets["REDIS_PASSWORD"], Scalar((YamlMappingNode)services["redis"]["environment"], "REDIS_PASSWORD"));
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            Assert.Equal($"redis:6379,password={Secrets["REDIS_PASSWORD"]}", Scalar((YamlMappingNode)services[silo]["environment"], "RiskGrid__Redis"));
        }

        Assert.Contains($"redis://redis:6379,password={Secrets["REDIS_PASSWORD"]}", string.Join(' ', Sequence(services["benchmark"], "command")));
        Assert.Equal(Secrets["GRAFANA_ADMIN_PASSWORD"], Scalar((YamlMappingNode)services["grafana"]["environment"], "GF_SECURITY_ADMIN_PASSWORD"));
        var silo1 = (YamlMappingNode)services["silo1"]["environment"];
        Assert.Equal("0.0.0.0", Scalar(silo1, "RiskGrid__Operations__DashboardAddress"));
        Assert.Equal(Secrets["DASHBOARD_PASSWORD"], Scalar(silo1, "RiskGrid__Operations__DashboardPassword"));

        // No password written in the file; each one is required (compose stops, naming it, when it is missing or empty).
        var file = File.ReadAllText(Repository.Path("docker-compose.yml"));
        Assert.DoesNotContain("GRAFANA_ADMIN_PASSWORD:-", file);
        foreach (var secret in Secrets.Keys)
        {
            Assert.Matches($@"\$\{{{secret}:\?", file);
            var others = Secrets.Where(s => s.Key != secret).ToDictionary();
            var (code, _, stderr) = await ComposeAsync(others, "config");
            Assert.NotEqual(0, code);
            Assert.Contains(secret, stderr);
        }

        // .env holds them and is never committed; .env.example names every variable the file uses.
        Assert.Contains(".env", File.ReadAllLines(Repository.Path(".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Repository.Path(".dockerignore")));
        var example = File.ReadAllLines(Repository.Path(".env.example"))
            .Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        foreach (var variable in Variable().Matches(file).Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True(example.ContainsKey(variable), $".env.example does not name {variable}");
        }

        Assert.All(Secrets.Keys, s => Assert.Equal(string.Empty, example[s])); // no default password to forget to change
    }

    [ToolFact("docker-compose")]
    public async Task No_fixed_addresses_loopback_ports_a_gpu_profile_and_a_data_volume()
    {
        var (code, config, stderr) = await ComposeAsync(Secrets, "config");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("ipv4_address", config);
        Assert.DoesNotContain("subnet", config);
        var services = Services(config);
        foreach (var (name, service) in services)
        {
            if (service.Children.TryGetValue(new YamlScalarNode("ports"), out var ports))
            {
                foreach (var port in (YamlSequenceNode)ports)
                {
                    var hostIp = port is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("host_ip"), out var ip) ? ip.ToString() : port.ToString();
                    Assert.True(hostIp.StartsWith("127.0.0.1", StringComparison.Ordinal), $"{name} publishes {port} beyond the host's loopback");
                }
            }
        }

        var gpu = services["silo-gpu"];
        Assert.Equal(["gpu"], Sequence(gpu, "profiles"));
        Assert.Contains("--gpu", Sequence(gpu, "command"));
        var device = (YamlMappingNode)((YamlSequenceNode)gpu["deploy"]["resources"]["reservations"]["devices"])[0];
        Assert.Contains("gpu", Sequence(device, "capabilities"));
        Assert.Equal("nvidia", Scalar(device, "driver"));

        // docker-compose 1.29 writes volumes as SOURCE:TARGET:MODE.
        var volumes = Sequence(services["benchmark"], "volumes").Select(v => v.Split(':')).ToList();
        var data = Assert.Single(volumes, v => v.Length == 3 && v[1] == "/data/in");
        Assert.Equal("ro", data[2]);
        Assert.Contains(volumes, v => v[0] == "riskgrid-runs" && v[1] == "/data"); // the run store persists in a named volume

        // The historical view: the backfill reads the benchmark's history.om from that volume into few large blocks, and
        // the history Prometheus serves the same TSDB volume with a retention that keeps decades-old blocks.
        Assert.Contains("--openmetrics", Sequence(services["benchmark"], "command"));
        var backfill = services["history-backfill"];
        var history = services["prometheus-history"];
        Assert.Equal(["history"], Sequence(backfill, "profiles"));
        Assert.Equal(["history"], Sequence(history, "profiles"));
        var backfillCommand = Sequence(backfill, "entrypoint");
        Assert.Equal(["promtool", "tsdb", "create-blocks-from", "openmetrics"], backfillCommand.Take(4));
        Assert.Contains("--max-block-duration=39366h", backfillCommand);
        Assert.Contains("/data/out/history.om", backfillCommand);
        Assert.Contains("--storage.tsdb.retention.time=100y", Sequence(history, "command"));
        var tsdb = Sequence(history, "volumes").Select(v => v.Split(':')).Single(v => v[1] == "/prometheus")[0];
        Assert.Contains(Sequence(backfill, "volumes").Select(v => v.Split(':')), v => v[0] == tsdb && v[1] == "/prometheus");
        Assert.Contains(Sequence(backfill, "volumes").Select(v => v.Split(':')), v => v[0] == "riskgrid-runs" && v[1] == "/data");
    }

    [Fact]
    public void Images_run_as_an_unprivileged_user_and_restore_before_the_source_is_copied()
    {
        foreach (var (dockerfile, project) in new[] { ("silo.Dockerfile", "src/Silo/Silo.csproj"), ("cli.Dockerfile", "src/Client/Client.csproj") })
        {
            var lines = File.ReadAllLines(Repository.Path("deploy", dockerfile)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var finalStage = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
            var user = lines.Skip(finalStage).LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
            Assert.True(user is not null, $"{dockerfile}: the runtime stage sets no USER (runs as root)");
            Assert.DoesNotContain(user![5..].Trim(), new[] { "root", "0", "0:0" });

            var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
            var source = lines.FindIndex(l => l.StartsWith("COPY src/ ", StringComparison.Ordinal));
            var publish = lines.FindIndex(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
            Assert.True(restore >= 0 && restore < source && source < publish, $"{dockerfile}: restore, then copy src/, then publish");
            Assert.Contains("--no-restore", lines[publish]);
            // The restore layer has every project the published one references (else restore would miss packages).
            var copied = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ').Skip(1)).ToHashSet();
            foreach (var csproj in ProjectClosure(project))
            {
                Assert.True(copied.Contains(csproj), $"{dockerfile}: the restore layer does not copy {csproj}");
            }
        }
    }

    // A project and every project it references, transitively, as repository-relative paths.
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Repository.Path(next.Split('/')))!;
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(Repository.Path(next.Split('/')))))
            {
                var full = Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return seen;
    }

    private static async Task<Dictionary<string, YamlMappingNode>> ResolvedServicesAsync()
    {
        var (code, config, stderr) = await ComposeAsync(Secrets, "config");
        Assert.True(code == 0, $"docker-compose config failed:\n{stderr}");
        return Services(config);
    }

    private static Dictionary<string, YamlMappingNode> Services(string config)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root["services"]).Children.ToDictionary(p => p.Key.ToString(), p => (YamlMappingNode)p.Value);
    }

    /// <summary>docker-compose with the given variables only (no .env: a temporary project directory of the same files is not needed, the file refers to none).</summary>
    internal static Task<(int Code, string Stdout, string Stderr)> ComposeAsync(IReadOnlyDictionary<string, string> variables, params string[] args) =>
        Tools.RunAsync(ToolFactAttribute.Require("docker-compose"), ["--env-file", EmptyEnvFile.Value, "-f", Repository.Path("docker-compose.yml"), "--project-directory", Repository.Root, .. args],
            variables, Secrets.Keys);

    // An empty env file, so that a developer's own .env does not stand in for the variables a test gives or withholds.
    private static readonly Lazy<string> EmptyEnvFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"riskgrid-empty-{Environment.ProcessId}.env");
        File.WriteAllText(path, string.Empty);
        return path;
    });

    private static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value is YamlSequenceNode s ? [.. s.Select(x => x.ToString())] : [value.ToString()]
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
