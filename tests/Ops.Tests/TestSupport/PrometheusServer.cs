using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>) on loopback with a temporary config and storage,
/// scraping the given targets every second as job <c>riskgrid-silo</c> and loading the repository's alert rules.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly TempFolder _folder;

    private PrometheusServer(ChildProcess process, TempFolder folder, int port)
    {
        _process = process;
        _folder = folder;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <param name="alertmanager">HOST:PORT of an Alertmanager to send firing alerts to.</param>
    /// <param name="rules">A change to the rules file as loaded (e.g. a shorter <c>for:</c>).</param>
    /// <param name="storage">A TSDB folder to serve (e.g. one promtool backfilled), kept with a 100-year retention so that
    /// old blocks are not deleted; default: a new temporary folder with the default retention.</param>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets, string? alertmanager = null, Func<string, string>? rules = null,
        string? storage = null)
    {
        var executable = ToolFactAttribute.Require("prometheus");
        var folder = new TempFolder("riskgrid-prometheus-");
        var alerts = await File.ReadAllTextAsync(Repository.Path("deploy", "prometheus", "alerts.yml"));
        await File.WriteAllTextAsync(folder.File("alerts.yml"), rules is null ? alerts : rules(alerts));
        var alerting = alertmanager is null ? string.Empty : $$"""
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["{{alertmanager}}"]
            """;
        await File.WriteAllTextAsync(folder.File("prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - alerts.yml
            {alerting}
            scrape_configs:
              - job_name: riskgrid-silo
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"\"{t}\""))}]
            """);
        var port = Ports.Free();
        string[] tsdb = storage is null ? [$"--storage.tsdb.path={folder.File("data")}"] : [$"--storage.tsdb.path={storage}", "--storage.tsdb.retention.time=100y"];
        var process = ChildProcess.Start(executable,
            [$"--config.file={folder.File("prometheus.yml")}", .. tsdb, $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var server = new PrometheusServer(process, folder, port);
        await server.WaitUntilAsync(async () => (await server.Http.GetAsync(new Uri("/-/ready", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "Prometheus ready");
        return server;
    }

    /// <summary>An instant query's result vector (<c>/api/v1/query</c>); throws with Prometheus's error for a bad expression.</summary>
    public async Task<JsonElement> QueryAsync(string expression)
    {
        using var response = await Http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(expression), UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{expression}': {body}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>A range query's result matrix (<c>/api/v1/query_range</c>) over [start, end] every <paramref name="step"/>.</summary>
    public async Task<JsonElement> QueryRangeAsync(string expression, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var query = $"/api/v1/query_range?query={Uri.EscapeDataString(expression)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}" +
                    $"&step={(long)step.TotalSeconds}";
        using var response = await Http.GetAsync(new Uri(query, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused the range query '{expression}': {body}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var body = await Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
        return body.GetProperty("data");
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not reached after {clock.Elapsed.TotalSeconds:0} s{(_process.HasExited ? $" (prometheus exited with {_process.ExitCode})" : "")}:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        _folder.Dispose();
    }
}
