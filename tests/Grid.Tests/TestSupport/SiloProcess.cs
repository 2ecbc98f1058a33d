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

    /// <summary>
    /// Awaits silo starts run side by side; when one fails, the silos that did start are stopped before the failure
    /// propagates (the caller never got them, so nothing else would stop them and they would outlive the test run).
    /// </summary>
    public static async Task<T[]> StartedTogetherAsync<T>(IEnumerable<Task<T>> starts, Func<T, SiloProcess> silo)
    {
        var all = starts.ToArray();
        try
        {
            return await Task.WhenAll(all);
        }
        catch
        {
            foreach (var started in all.Where(s => s.IsCompletedSuccessfully))
            {
                await silo(started.Result).DisposeAsync();
            }

            throw;
        }
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
