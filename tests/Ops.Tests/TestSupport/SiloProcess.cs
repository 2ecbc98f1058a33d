using System.Diagnostics;
using System.Text;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>The built silo executable as a process (localhost clustering, in-memory state), on free ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process) => _process = process;

    public string ClusterId { get; private init; } = "";

    public int GatewayPort { get; private init; }

    public int MetricsPort { get; private init; }

    public int DashboardPort { get; private init; }

    /// <summary>The line the silo printed when ready.</summary>
    public string ReadyLine { get; private set; } = "";

    public Uri MetricsUrl => new($"http://127.0.0.1:{MetricsPort}/metrics");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SiloProcess> StartAsync(params string[] extra)
    {
        var (silo, gateway, metrics, dashboard) = (Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free());
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Repository.SiloAssembly(), "--silo-port", $"{silo}", "--gateway-port", $"{gateway}",
                     "--cluster-id", $"ops-{silo}", "--metrics-port", $"{metrics}", "--dashboard-port", $"{dashboard}",
                     "--RiskGrid:Metrics:PairPublishInterval=00:00:01", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new SiloProcess(new Process { StartInfo = info, EnableRaisingEvents = true })
        {
            ClusterId = $"ops-{silo}",
            GatewayPort = gateway,
            MetricsPort = metrics,
            DashboardPort = dashboard,
        };
        process._process.OutputDataReceived += (_, e) => process.Record(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Record(e.Data);
        process._process.Exited += (_, _) => process._ready.TrySetException(
            new InvalidOperationException($"silo exited with code {process._process.ExitCode} before it was ready:\n{process.Output}"));
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        try
        {
            process.ReadyLine = await process._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            await process.DisposeAsync();
            throw new TimeoutException($"silo not ready after 90 s:\n{process.Output}");
        }

        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("riskgrid silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }
    }
}
