using System.Text.Json;
using System.Text.RegularExpressions;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>The repository's dashboards (grafana/dashboards/*.json) and alert rules, read as data.</summary>
public static partial class GrafanaFiles
{
    public static IReadOnlyList<string> DashboardPaths { get; } =
        [.. Directory.GetFiles(Repository.Path("grafana", "dashboards"), "*.json").Order(StringComparer.Ordinal)];

    /// <summary>The dashboard of the history Prometheus (the backfilled forecasts); every other one reads the live Prometheus.</summary>
    public const string HistoryDashboard = "history.json";

    /// <summary>Every query of every panel on the live Prometheus, or on the data source <paramref name="datasourceUid"/>:
    /// dashboard file, panel id and title, and the PromQL with each dashboard variable replaced by <c>.*</c> (what "All" selects).</summary>
    public static IReadOnlyList<PanelQuery> PanelQueries(string? datasourceUid = null)
    {
        datasourceUid ??= ProvisionedDatasourceUid();
        var queries = new List<PanelQuery>();
        foreach (var path in DashboardPaths.Where(p => (Path.GetFileName(p) == HistoryDashboard) == (datasourceUid == HistoryDatasourceUid())))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var variables = root.TryGetProperty("templating", out var t)
                ? t.GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToHashSet()
                : [];
            foreach (var panel in Panels(root))
            {
                if (!panel.TryGetProperty("targets", out var targets))
                {
                    continue;
                }

                foreach (var target in targets.EnumerateArray())
                {
                    var expr = target.GetProperty("expr").GetString()!;
                    var resolved = Variable().Replace(expr, m => variables.Contains(m.Groups[1].Value) ? ".*" : m.Value);
                    queries.Add(new PanelQuery(Path.GetFileName(path), panel.GetProperty("id").GetInt32(),
                        panel.GetProperty("title").GetString()!, resolved));
                }
            }
        }

        return queries;
    }

    /// <summary>Every panel, rows' nested panels included.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The <c>expr:</c> lines of the Prometheus rule file and of Grafana's alerting provisioning.</summary>
    public static IReadOnlyList<(string File, string Expr)> AlertExpressions() =>
    [
        .. Exprs(Repository.Path("deploy", "prometheus", "alerts.yml")),
        .. Directory.GetFiles(Repository.Path("grafana", "provisioning", "alerting"), "*.yaml").SelectMany(Exprs),
    ];

    /// <summary>The uid given to the Prometheus data source in grafana/provisioning/datasources.</summary>
    public static string ProvisionedDatasourceUid() => DatasourceUid("prometheus.yaml");

    /// <summary>The uid given to the history Prometheus's data source.</summary>
    public static string HistoryDatasourceUid() => DatasourceUid("history.yaml");

    private static string DatasourceUid(string file)
    {
        var text = File.ReadAllText(Repository.Path("grafana", "provisioning", "datasources", file));
        return Uid().Match(text) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no uid in {file}");
    }

    private static IEnumerable<(string, string)> Exprs(string path) =>
        File.ReadAllLines(path).Select(l => Expr().Match(l)).Where(m => m.Success).Select(m => (Path.GetFileName(path), m.Groups[1].Value.Trim()));

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*expr:\s*(.+)$")]
    private static partial Regex Expr();

    [GeneratedRegex(@"^\s*uid:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Uid();
}
