namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>
/// A real Alertmanager (Debian's <c>prometheus-alertmanager</c>) on loopback running the repository's
/// <c>deploy/alertmanager/alertmanager.yml</c>, its webhook pointed at <paramref name="webhook"/>; no cluster peer port.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly TempFolder _folder;

    private AlertmanagerServer(ChildProcess process, TempFolder folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    public static async Task<AlertmanagerServer> StartAsync(string webhook)
    {
        var executable = ToolFactAttribute.Require("prometheus-alertmanager");
        var folder = new TempFolder("riskgrid-alertmanager-");
        var config = await File.ReadAllTextAsync(Repository.Path("deploy", "alertmanager", "alertmanager.yml"));
        const string placeholder = "http://riskgrid-alerts.invalid:5001/alerts";
        Assert.Contains(placeholder, config); // the one line a user edits
        await File.WriteAllTextAsync(folder.File("alertmanager.yml"), config.Replace(placeholder, webhook, StringComparison.Ordinal));
        var port = Ports.Free();
        var process = ChildProcess.Start(executable,
            [$"--config.file={folder.File("alertmanager.yml")}", $"--storage.path={folder.File("data")}",
             $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"]);
        var server = new AlertmanagerServer(process, folder, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/-/ready"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"Alertmanager not ready{(process.HasExited ? $" (exited with {process.ExitCode})" : "")}:\n{process.Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _folder.Dispose();
    }
}
