using System.Diagnostics;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Progress of a long run on stderr: one line redrawn in place on a terminal, or a line every few
/// seconds when stderr is redirected (CI logs), so stdout keeps only the results.
/// </summary>
public sealed class ConsoleProgress : IProgress<EngineProgress>, IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _inPlace;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private TimeSpan? _lastWrite;
    private EngineProgress _last;
    private bool _wroteInPlace;

    public ConsoleProgress(TextWriter? output = null, bool? inPlace = null)
    {
        _out = output ?? Console.Error;
        _inPlace = inPlace ?? !Console.IsErrorRedirected;
        _interval = _inPlace ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
    }

    public void Report(EngineProgress value)
    {
        lock (_lock)
        {
            // Reports from parallel workers can arrive out of order; keep the furthest.
            if (value.BarsDone < _last.BarsDone && value.PairsDone <= _last.PairsDone)
            {
                return;
            }

            _last = value;
            var now = _clock.Elapsed;
            var finished = IsFinished(value);
            if (!finished && _lastWrite is { } last && now - last < _interval)
            {
                return;
            }

            _lastWrite = now;
            Write(Format(value, now));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_wroteInPlace)
            {
                _out.WriteLine();
                _wroteInPlace = false;
            }
        }
    }

    internal static string Format(EngineProgress p, TimeSpan elapsed)
    {
        var fraction = p.BarsTotal > 0 ? (double)p.BarsDone / p.BarsTotal : 0;
        const int width = 24;
        var filled = (int)Math.Round(fraction * width);
        var eta = fraction > 0.01 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        var pairs = p.PairsTotal > 0 ? $"pairs {p.PairsDone}/{p.PairsTotal}  " : string.Empty;
        return $"[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0}  " +
               $"days {p.BarsDone:N0}/{p.BarsTotal:N0}  {pairs}" +
               $"{elapsed:mm\\:ss} elapsed" + (eta is { } e && !IsFinished(p) ? $", ~{e:mm\\:ss} left" : string.Empty);
    }

    // The Core engine finishes pairs one at a time; a run through the grid moves every pair forward day by
    // day and counts no pairs (PairsTotal 0), so there the days alone say when it is done.
    private static bool IsFinished(EngineProgress p) => p.PairsTotal > 0 ? p.PairsDone == p.PairsTotal : p.BarsDone >= p.BarsTotal;

    private void Write(string line)
    {
        if (_inPlace)
        {
            _out.Write('\r' + line.PadRight(100));
            _wroteInPlace = true;
        }
        else
        {
            _out.WriteLine("progress: " + line);
        }

        _out.Flush();
    }
}
