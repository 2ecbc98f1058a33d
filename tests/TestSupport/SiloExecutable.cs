namespace RiskGrid.Testing;

/// <summary>The built silo executable (<see cref="Repository.SiloAssembly"/>) run as a child process.</summary>
public static class SiloExecutable
{
    /// <summary>How the line starts that the silo prints once it serves (src/Silo/Program.cs).</summary>
    public const string ReadyLinePrefix = "riskgrid silo ready";

    /// <summary>
    /// Starts a silo with <paramref name="arguments"/> and waits until it says it is ready; one that exits
    /// first or is not ready in time is killed, and the failure names it (<paramref name="name"/>) and quotes its output.
    /// </summary>
    public static async Task<(ChildProcess Process, string ReadyLine)> StartAsync(string name, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var process = ChildProcess.StartDotnet(Repository.SiloAssembly(), arguments);
        var readyLine = await process.WaitUntilReadyAsync(name, line => line.StartsWith(ReadyLinePrefix, StringComparison.Ordinal), timeout);
        return (process, readyLine);
    }
}
