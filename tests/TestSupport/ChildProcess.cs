using System.Diagnostics;
using System.Text;

namespace RiskGrid.Testing;

/// <summary>
/// A process a test starts (a silo, the CLI, Prometheus): stdout and stderr captured line by line, a wait
/// for a line it prints, and on dispose the whole process tree killed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<(bool IsError, string Text)> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waits = [];
    private bool _disposed;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout => Text(error: false);

    public string Stderr => Text(error: true);

    /// <summary>Both streams, line by line in the order they arrived (for failure messages).</summary>
    public string Output => Text(error: null);

    public static ChildProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => child.Record(isError: false, e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Record(isError: true, e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a built .NET assembly with workstation GC: several children share the test machine's cores.</summary>
    public static ChildProcess StartDotnet(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", [assembly, .. arguments], new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["DOTNET_gcServer"] = "0",
        });

    /// <summary>
    /// The first line, on either stream, already printed or still to come, that <paramref name="match"/>
    /// accepts; null when the process exits or <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var (_, text) in _lines)
            {
                if (match(text))
                {
                    return text;
                }
            }

            _waits.Add((match, seen));
        }

        // Exit counts once both streams are drained, so a line printed just before exiting is seen.
        await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        lock (_lock)
        {
            _waits.RemoveAll(w => w.Seen == seen);
        }

        return seen.Task.IsCompletedSuccessfully ? seen.Task.Result : null;
    }

    /// <summary>
    /// Waits for the line that says the process is ready and returns it. A process that exits first or is
    /// not ready within <paramref name="timeout"/> is killed, and the failure names <paramref name="name"/>
    /// and quotes its output.
    /// </summary>
    public async Task<string> WaitUntilReadyAsync(string name, Func<string, bool> isReadyLine, TimeSpan timeout)
    {
        if (await WaitForLineAsync(isReadyLine, timeout) is { } line)
        {
            return line;
        }

        Exception failure = HasExited
            ? new InvalidOperationException($"{name} exited with code {ExitCode} before it was ready:\n{Output}")
            : new TimeoutException($"{name} not ready after {timeout.TotalSeconds:0} s:\n{Output}");
        await DisposeAsync();
        throw failure;
    }

    /// <summary>Waits for the exit and for both streams to be drained.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit();
    }

    /// <summary>SIGKILL to the whole tree: no cleanup, no finally blocks, no flush, no goodbye to a cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _disposed = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _disposed = true;
    }

    private void Record(bool isError, string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Add((isError, text));
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (_waits[i].Match(text))
                {
                    _waits[i].Seen.TrySetResult(text);
                    _waits.RemoveAt(i);
                }
            }
        }
    }

    // null: both streams.
    private string Text(bool? error)
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                if (error is null || line.IsError == error)
                {
                    text.AppendLine(line.Text);
                }
            }
        }

        return text.ToString();
    }
}
