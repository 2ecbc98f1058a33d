using YamlDotNet.RepresentationModel;

namespace RiskGrid.Ops.Tests.Deploy;

/// <summary>
/// The Kubernetes manifests (deploy/kubernetes), checked at the schema level since no cluster is available here:
/// every document parses and has its required fields; the silos use Orleans' Kubernetes hosting with the pod
/// fields it reads and the RBAC it needs, probe the health endpoints, are scraped through annotations, take the
/// Redis password from a secret, and GPU silos land on GPU nodes.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Repository.Path("deploy", "kubernetes");

    [Fact]
    public void Every_resource_the_kustomization_lists_parses_with_api_version_kind_and_name()
    {
        var kustomization = Load("kustomization.yaml").Single();
        var resources = Sequence(kustomization, "resources");
        Assert.Equal(Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(),
            resources.Order()); // nothing left out, nothing missing
        foreach (var document in resources.SelectMany(Load))
        {
            Assert.False(string.IsNullOrEmpty(Scalar(document, "apiVersion")));
            var kind = Scalar(document, "kind");
            Assert.False(string.IsNullOrEmpty(kind));
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Scalar(Map(document, "metadata"), "name")); // a DNS-1123 name
            if (kind is "Deployment" or "StatefulSet")
            {
                var spec = Map(document, "spec");
                var selector = Map(Map(spec, "selector"), "matchLabels");
                var labels = Map(Map(Map(spec, "template"), "metadata"), "labels");
                foreach (var (key, value) in selector.Children)
                {
                    Assert.Equal(value.ToString(), Scalar(labels, key.ToString())); // the selector selects its own pods
                }

                foreach (var container in Containers(document))
                {
                    Assert.False(string.IsNullOrEmpty(Scalar(container, "image")));
                    Assert.False(string.IsNullOrEmpty(Scalar(container, "name")));
                }
            }
        }
    }

    [Theory]
    [InlineData("silo.yaml", "riskgrid-silo", false)]
    [InlineData("silo-gpu.yaml", "riskgrid-silo-gpu", true)]
    public void Silos_use_orleans_kubernetes_hosting_probe_health_and_are_scraped(string file, string name, bool gpu)
    {
        var deployment = Load(file).Single(d => Scalar(d, "kind") == "Deployment");
        Assert.Equal(name, Scalar(Map(deployment, "metadata"), "name"));
        var template = Map(Map(deployment, "spec"), "template");
        var metadata = Map(template, "metadata");
        var pod = Map(template, "spec");
        var annotations = Map(metadata, "annotations");
        Assert.Equal("true", Scalar(annotations, "prometheus.io/scrape"));
        Assert.Equal("9464", Scalar(annotations, "prometheus.io/port"));
        Assert.Equal("/metrics", Scalar(annotations, "prometheus.io/path"));
        var labels = Map(metadata, "labels");
        Assert.Equal("riskgrid", Scalar(labels, "orleans/clusterId"));
        Assert.Equal("riskgrid", Scalar(labels, "orleans/serviceId"));
        Assert.Equal("riskgrid-silo", Scalar(pod, "serviceAccountName"));
        Assert.Equal("true", Scalar(Map(pod, "securityContext"), "runAsNonRoot"));

        var silo = Containers(deployment).Single();
        var env = ((YamlSequenceNode)silo["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name")!);
        Assert.Equal("true", Scalar(env["RiskGrid__Kubernetes"], "value"));
        // What Orleans' Kubernetes hosting reads, from the pod itself (downward API).
        foreach (var (variable, field) in new[]
                 {
                     ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP"),
                     ("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']"), ("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']"),
                 })
        {
            Assert.Equal(field, Scalar(Map(Map(env[variable], "valueFrom"), "fieldRef"), "fieldPath"));
        }

        // The Redis password from the secret, never in the manifest.
        Assert.Equal("riskgrid-secrets", Scalar(Map(Map(env["REDIS_PASSWORD"], "valueFrom"), "secretKeyRef"), "name"));
        Assert.Equal("redis:6379,password=$(REDIS_PASSWORD)", Scalar(env["RiskGrid__Redis"], "value"));
        Assert.Equal("0.0.0.0", Scalar(env["RiskGrid__Operations__MetricsAddress"], "value"));

        var ports = ((YamlSequenceNode)silo["ports"]).Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name")!, p => Scalar(p, "containerPort"));
        Assert.Equal("9464", ports["metrics"]);
        Assert.Equal("11111", ports["silo"]);
        Assert.Equal("30000", ports["gateway"]);
        foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live"), ("startupProbe", "/health/live") })
        {
            var get = Map(Map(silo, probe), "httpGet");
            Assert.Equal(path, Scalar(get, "path"));
            Assert.Equal("metrics", Scalar(get, "port"));
        }

        var args = Sequence(silo, "args");
        Assert.Contains("--no-dashboard", args);
        Assert.Equal(gpu, args.Contains("--gpu"));
        if (gpu)
        {
            Assert.Equal("true", Scalar(Map(pod, "nodeSelector"), "nvidia.com/gpu.present"));
            Assert.Equal("1", Scalar(Map(Map(silo, "resources"), "limits"), "nvidia.com/gpu"));
            Assert.Contains(((YamlSequenceNode)pod["tolerations"]).Cast<YamlMappingNode>(), t => Scalar(t, "key") == "nvidia.com/gpu");
        }
        else
        {
            Assert.False(pod.Children.ContainsKey(new YamlScalarNode("nodeSelector")));
        }
    }

    [Fact]
    public void The_silo_account_may_watch_and_delete_pods_and_redis_keeps_its_data()
    {
        var rbac = Load("silo-rbac.yaml");
        var role = rbac.Single(d => Scalar(d, "kind") == "Role");
        var rule = ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>().Single(r => Sequence(r, "resources").Contains("pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, Sequence(rule, "verbs").ToHashSet());
        var binding = rbac.Single(d => Scalar(d, "kind") == "RoleBinding");
        Assert.Equal("riskgrid-silo", Scalar(Map(binding, "roleRef"), "name"));
        Assert.Equal("riskgrid-silo", Scalar(((YamlSequenceNode)binding["subjects"]).Cast<YamlMappingNode>().Single(), "name"));

        var redis = Load("redis.yaml");
        var set = redis.Single(d => Scalar(d, "kind") == "StatefulSet");
        Assert.Contains("--appendonly yes", string.Join(' ', Sequence(Containers(set).Single(), "command")));
        Assert.Contains("--requirepass", string.Join(' ', Sequence(Containers(set).Single(), "command")));
        Assert.NotEmpty((YamlSequenceNode)Map(set, "spec")["volumeClaimTemplates"]);
        var service = redis.Single(d => Scalar(d, "kind") == "Service");
        Assert.Equal("redis", Scalar(Map(service, "metadata"), "name")); // the host in RiskGrid__Redis
    }

    private static List<YamlMappingNode> Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        yaml.Load(reader);
        return [.. yaml.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))];
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) =>
        ((YamlSequenceNode)Map(Map(Map(workload, "spec"), "template"), "spec")["containers"]).Cast<YamlMappingNode>();

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? Assert.IsType<YamlMappingNode>(value)
            : throw new Xunit.Sdk.XunitException($"no '{key}' in {node}");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;

    private static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode s ? [.. s.Select(x => x.ToString())] : [];
}
