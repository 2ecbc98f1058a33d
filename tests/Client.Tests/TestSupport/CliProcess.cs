using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace RiskGrid.Client.Tests.TestSupport;

/// <summary>The built <c>riskgrid</c> CLI (src/Client/bin/{Configuration}/net10.0) run as a separate process.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private CliProcess(Process process) => _process = process;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public bool HasExited => _process.HasExited;

    public static CliProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var cli = new CliProcess(new Process { StartInfo = info });
        cli._process.OutputDataReceived += (_, e) => cli.Record(cli._stdout, e.Data);
        cli._process.ErrorDataReceived += (_, e) => cli.Record(cli._stderr, e.Data);
        cli._process.Start();
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end; returns the exit code.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var cli = Start(args);
        using var cancel = new CancellationTokenSource(timeout);
        await cli._process.WaitForExitAsync(cancel.Token);
        cli._process.WaitForExit(); // drains the redirected streams
        return (cli._process.ExitCode, cli.Stdout, cli.Stderr);
    }

    /// <summary>Waits until stdout or stderr has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            if (Stdout.Contains(text, StringComparison.Ordinal) || Stderr.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _waits.Add((text, seen));
        }

        var finished = await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != seen.Task)
        {
            throw new TimeoutException($"riskgrid never printed '{text}' ({(_process.HasExited ? $"exited with {_process.ExitCode}" : "timed out")}).\n" +
                                       $"stdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, no flush.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Record(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_waits)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }

            foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    // The CLI built beside this test assembly's configuration (the test project references it, so it is built).
    private static string Assembly()
    {
        var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
            {
                var path = Path.Combine(dir.FullName, "src", "Client", "bin", configuration, "net10.0", "riskgrid.dll");
                return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"the CLI is not built at {path}; build Grid.sln first");
            }
        }

        throw new DirectoryNotFoundException($"no Grid.sln above {AppContext.BaseDirectory}");
    }
}
