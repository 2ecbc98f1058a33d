namespace RiskGrid.Client.Tests.TestSupport;

/// <summary>The built <c>riskgrid</c> CLI (src/Client/bin/{Configuration}/net10.0) run as a separate process.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly ChildProcess _process;

    private CliProcess(ChildProcess process) => _process = process;

    public string Stdout => _process.Stdout;

    public string Stderr => _process.Stderr;

    public bool HasExited => _process.HasExited;

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        new(ChildProcess.StartDotnet(Repository.CliAssembly(), args, environment));

    /// <summary>Runs to the end; returns the exit code.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var cli = Start(args);
        using var cancel = new CancellationTokenSource(timeout);
        await cli._process.WaitForExitAsync(cancel.Token);
        return (cli._process.ExitCode, cli.Stdout, cli.Stderr);
    }

    /// <summary>Waits until stdout or stderr has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        if (await _process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout) is null)
        {
            throw new TimeoutException($"riskgrid never printed '{text}' ({(_process.HasExited ? $"exited with {_process.ExitCode}" : "timed out")}).\n" +
                                       $"stdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, no flush.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
