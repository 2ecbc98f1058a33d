namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>A RiskGrid silo running as a separate process (the built silo executable), clustered through Redis.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>Starts a silo with the given extra arguments and waits until it says it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string redis, string clusterId, TimeSpan timeout, params string[] extra)
    {
        var siloPort = Ports.Free();
        var gatewayPort = Ports.Free();
        var (process, _) = await SiloExecutable.StartAsync($"silo (ports {siloPort}/{gatewayPort})",
            [
                "--redis", redis, "--cluster-id", clusterId, "--service-id", clusterId,
                "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--advertise", "127.0.0.1", .. extra,
            ],
            timeout);
        return new SiloProcess(process, siloPort, gatewayPort);
    }

    /// <summary>Whether the process exited (its output drained) within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
