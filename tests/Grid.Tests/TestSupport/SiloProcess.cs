using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>A RiskGrid silo running as a separate process (the built silo executable).</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far (for failure messages).</summary>
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

    /// <summary>Starts a silo with the given extra arguments and waits until it says it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string redis, string clusterId, TimeSpan timeout, params string[] extra)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[SiloAssembly(), "--redis", redis, "--cluster-id", clusterId, "--service-id", clusterId,
                     "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--advertise", "127.0.0.1", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException(
            $"silo (ports {siloPort}/{gatewayPort}) exited with code {process.ExitCode} before it was ready:\n{silo.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo._ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await silo.DisposeAsync();
            throw new TimeoutException($"silo (ports {siloPort}/{gatewayPort}) not ready after {timeout.TotalSeconds:0} s:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>SIGKILL: the process dies at once, with no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
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
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The silo built beside this test assembly's configuration: src/Silo/bin/{Configuration}/net10.0.
    private static string SiloAssembly()
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
            {
                var path = Path.Combine(dir.FullName, "src", "Silo", "bin", configuration, "net10.0", "RiskGrid.Silo.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"the silo is not built at {path}; build Grid.sln first");
            }
        }

        throw new DirectoryNotFoundException($"no Grid.sln above {AppContext.BaseDirectory}");
    }
}
