using System.Diagnostics;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>Runs a command-line tool to completion and returns its exit code and output.</summary>
public static class Tools
{
    /// <param name="variables">Environment variables set for the tool.</param>
    /// <param name="unset">Variables removed from its environment unless given in <paramref name="variables"/>.</param>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? variables = null, IEnumerable<string>? unset = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in unset ?? [])
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
