using System.Diagnostics;
using System.Globalization;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Progress of a long run on stderr, so stdout keeps only the results: on a terminal one line redrawn in place (cut to
/// the terminal's width, never wrapped); redirected (CI logs, a pipe), one line per 10 % of each phase and the last. A
/// benchmark has two phases: the forecasts, whose fraction goes by forecast days (the bars after each pair's window,
/// where their time goes), then the backtests, by pairs. The time left runs to the end of both: the current phase's from
/// its recent rate (<see cref="TimeLeftEstimator"/>), plus, while the forecasts run, the backtests' expected duration
/// (<see cref="BacktestTimeProbe"/>).
/// </summary>
public sealed class ConsoleProgress : IProgress<EngineProgress>, IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _inPlace;
    private readonly int _width;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Func<TimeSpan> _now;
    private readonly BacktestTimeProbe? _backtests;
    private readonly Lock _lock = new();
    private TimeLeftEstimator _estimator = new();
    private TimeSpan? _lastWrite;
    private TimeSpan _phaseStart;
    private int _lastDecile;
    private EngineProgress _last;
    private bool _wroteInPlace;

    /// <param name="output">Default: stderr.</param>
    /// <param name="inPlace">Redraw one line (default: when stderr is a terminal).</param>
    /// <param name="width">Columns a redrawn line may take (default: the terminal's).</param>
    /// <param name="clock">The time since the start (tests pass their own).</param>
    /// <param name="backtests">The backtest phase that follows the forecasts (<see cref="EngineProgress.InBacktests"/>): its
    /// probe, started after <see cref="ProbeAfter"/>, adds its expected duration to the time left while the forecasts run.
    /// Null when the reports have no such phase.</param>
    public ConsoleProgress(TextWriter? output = null, bool? inPlace = null, int? width = null, Func<TimeSpan>? clock = null,
        BacktestTimeProbe? backtests = null)
    {
        _out = output ?? Console.Error;
        _inPlace = inPlace ?? !Console.IsErrorRedirected;
        _width = Math.Max(20, width ?? TerminalWidth());
        _now = clock ?? (() => _clock.Elapsed);
        _backtests = backtests;
    }

    /// <summary>How long a run goes before the backtest probe starts (a shorter one never needs an estimate).</summary>
    public static TimeSpan ProbeAfter { get; } = TimeSpan.FromSeconds(3);

    public void Report(EngineProgress value)
    {
        lock (_lock)
        {
            // Reports from parallel workers can arrive out of order; keep the furthest (the backtest phase is after every forecast).
            if (value.InBacktests != _last.InBacktests ? !value.InBacktests
                : value.InBacktests ? value.BacktestsDone < _last.BacktestsDone
                : value.BarsDone < _last.BarsDone && value.PairsDone <= _last.PairsDone)
            {
                return;
            }

            var now = _now();
            if (value.InBacktests && !_last.InBacktests)
            {
                // The second phase: its own fraction, deciles and rate.
                _estimator = new TimeLeftEstimator();
                _phaseStart = now;
                _lastDecile = 0;
            }

            _last = value;
            if (!value.InBacktests && now >= ProbeAfter)
            {
                _backtests?.Start();
            }

            var (done, total) = Work(value);
            if (!value.InBacktests || done > 0)
            {
                // The backtests' rate starts at the first pair done: before it, the workers draw the shared null samples.
                _estimator.Observe(now - _phaseStart, done);
            }

            var finished = IsFinished(value) && (value.InBacktests || _backtests is null);
            var fraction = total > 0 ? (double)done / total : 0;
            if (_inPlace)
            {
                if (!finished && _lastWrite is { } last && now - last < TimeSpan.FromMilliseconds(200))
                {
                    return;
                }
            }
            else
            {
                var decile = (int)Math.Floor(fraction * 10 + 1e-9);
                if (!finished && decile <= _lastDecile)
                {
                    return;
                }

                _lastDecile = decile;
            }

            _lastWrite = now;
            Write(finished ? Line(value, now, null) : Left(value, now, total));
        }
    }

    // The time left to the end of the run: the forecasts' from their recent rate plus the backtests' expected duration
    // (once probed; "+ backtests" before), then the backtests' own from their rate (the probe's figure until there is one).
    private string Left(EngineProgress value, TimeSpan now, long total)
    {
        var left = _estimator.Estimate(total);
        if (value.InBacktests)
        {
            var probed = _backtests?.Estimate - (now - _phaseStart);
            return Line(value, now, left ?? (probed < TimeSpan.Zero ? TimeSpan.Zero : probed));
        }

        if (_backtests is null)
        {
            return Line(value, now, left);
        }

        return _backtests.Estimate is { } backtests
            ? Line(value, now, (left ?? (IsFinished(value) ? TimeSpan.Zero : null)) + backtests)
            : Line(value, now, left, IsFinished(value) ? "backtests next" : "+ backtests");
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

    /// <summary>The progress line with the whole-run average's estimate (what a single report can say).</summary>
    internal static string Format(EngineProgress p, TimeSpan elapsed)
    {
        var (done, total) = Work(p);
        var fraction = total > 0 ? (double)done / total : 0;
        var left = fraction > 0.01 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        return Line(p, elapsed, IsFinished(p) ? null : left);
    }

    internal static string Line(EngineProgress p, TimeSpan elapsed, TimeSpan? left, string? then = null)
    {
        var (done, total) = Work(p);
        var fraction = total > 0 ? (double)done / total : 0;
        const int width = 20;
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        var days = p.InBacktests ? "backtests" : p.ForecastsTotal > 0 ? "forecast days" : "days";
        var pairs = p.InBacktests ? " pairs  " : p.PairsTotal > 0 ? $"  pairs {p.PairsDone}/{p.PairsTotal}  " : "  ";
        var tail = left is { } e ? $", ~{Clock(TimeSpan.FromSeconds(Math.Ceiling(e.TotalSeconds)))} left" + (then is null ? "" : $" {then}")
            : then is null ? string.Empty : $", {then}";
        return $"[{new string('#', filled)}{new string('.', width - filled)}] {(Math.Floor(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%"),4}  " +
               $"{days} {done.ToString("N0", CultureInfo.InvariantCulture)}/{total.ToString("N0", CultureInfo.InvariantCulture)}{pairs}" +
               $"{Clock(elapsed)} elapsed" + tail;
    }

    /// <summary>What the fraction counts: the pairs backtested in the second phase; before, forecast days where the reporter
    /// counts them, else bars.</summary>
    private static (long Done, long Total) Work(EngineProgress p) =>
        p.InBacktests ? (p.BacktestsDone, p.BacktestsTotal)
        : p.ForecastsTotal > 0 ? (p.ForecastsDone, p.ForecastsTotal) : (p.BarsDone, p.BarsTotal);

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes:00}:{t.Seconds:00}";

    // The Core engine finishes pairs one at a time; a run through the grid moves every pair forward day by
    // day and counts no pairs (PairsTotal 0), so there the days alone say when it is done.
    // In the backtest phase, when every pair is backtested.
    private static bool IsFinished(EngineProgress p) =>
        p.InBacktests ? p.BacktestsDone >= p.BacktestsTotal : p.PairsTotal > 0 ? p.PairsDone == p.PairsTotal : p.BarsDone >= p.BarsTotal;

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsErrorRedirected || Console.WindowWidth <= 0 ? 100 : Console.WindowWidth;
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 100;
        }
    }

    private void Write(string line)
    {
        if (_inPlace)
        {
            // One column short of the width (a full line wraps on some terminals); the bar goes first, then the tail.
            var fitted = line.Length < _width ? line : line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..];
            fitted = fitted.Length < _width ? fitted : fitted[..(_width - 1)];
            _out.Write("\r" + fitted + "\u001b[K");
            _wroteInPlace = true;
        }
        else
        {
            _out.WriteLine("progress: " + line);
        }

        _out.Flush();
    }
}
