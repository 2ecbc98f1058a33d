using System.Diagnostics;
using System.Globalization;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Cli;

/// <summary>
/// How long a benchmark's second phase, the backtests (the catalogue on every pair and level, Monte Carlo p-values
/// included), will take on this machine, so the time left said while the forecasts run covers it too. It backtests a
/// synthetic pair of the run's length and levels twice (on a background thread, started only once a run has lasted a
/// few seconds, so short runs pay nothing): the first time draws the Monte Carlo null samples, which every pair of that
/// length shares (<see cref="DufourMonteCarlo"/> caches them, so the run then finds them drawn), the second costs what
/// each pair costs. Timed on the thread's CPU clock where Linux gives it (the forecasts keep the cores busy meanwhile),
/// scaled by each pair's length, over the workers.
/// </summary>
/// <param name="observations">Each pair's realised forecasts.</param>
/// <param name="alphas">The levels.</param>
/// <param name="workers">How many pairs are backtested at once.</param>
public sealed class BacktestTimeProbe(IReadOnlyList<long> observations, IReadOnlyList<double> alphas, int workers)
{
    private readonly Lock _lock = new();
    private Task? _probe;
    private TimeSpan? _estimate;

    /// <summary>A probe that says <paramref name="estimate"/> at once (tests).</summary>
    internal BacktestTimeProbe(TimeSpan estimate)
        : this([], [], 1) => _estimate = estimate;

    /// <summary>The expected duration of the whole backtest phase; null until the probe has run.</summary>
    public TimeSpan? Estimate
    {
        get
        {
            lock (_lock)
            {
                return _estimate;
            }
        }
    }

    /// <summary>Starts the probe in the background (once; later calls do nothing).</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_probe is not null || observations.Count == 0 || observations.Max() < 2)
            {
                return;
            }

            _probe = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for a started probe (tests).</summary>
    internal Task Completion => _probe ?? Task.CompletedTask;

    private void Run()
    {
        Summarize(60); // compiles the tests' code first, so the timings below are of the work
        // The most common length: its null samples are drawn here, once for the run.
        var length = observations.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var first = Time(() => Summarize((int)length));
        var again = Time(() => Summarize((int)length));
        // Every pair costs `again` (scaled by its length); each other length draws its own null samples once.
        var pairs = observations.Sum(n => again * n / length);
        var otherLengths = observations.Where(n => n != length).Distinct().Sum(n => Math.Max(0, first - again) * n / length);
        var seconds = (pairs + otherLengths) / Math.Max(1, Math.Min(workers, observations.Count));
        lock (_lock)
        {
            _estimate = TimeSpan.FromSeconds(seconds);
        }
    }

    private static double Time(Action work)
    {
        var start = ThreadCpu();
        var clock = Stopwatch.StartNew();
        work();
        return ThreadCpu() is { } end && start is { } begin ? end - begin : clock.Elapsed.TotalSeconds;
    }

    // A pair like a volatility model's: losses with a varying scale, VaR, ES, PITs and volatilities, ~1 − α exceptions.
    private void Summarize(int length)
    {
        var random = new Random(20261202);
        var losses = new double[length];
        var sigma = new double[length];
        var pits = new double[length];
        for (var t = 0; t < length; t++)
        {
            sigma[t] = Math.Exp(0.3 * Math.Sin(t / 25.0));
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            losses[t] = sigma[t] * z;
            pits[t] = MathNet.Numerics.Distributions.Normal.CDF(0, 1, -z);
        }

        foreach (var alpha in alphas)
        {
            var q = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, alpha);
            var es = MathNet.Numerics.Distributions.Normal.PDF(0, 1, q) / (1 - alpha);
            Backtester.Summarize(losses, [.. sigma.Select(s => q * s)], [.. sigma.Select(s => es * s)], 0, alpha,
                pits: pits, volatility: sigma);
        }
    }

    /// <summary>This thread's CPU time in seconds (Linux: /proc/thread-self/schedstat), or null where it is not available.</summary>
    private static double? ThreadCpu()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            var first = text.Split(' ', 2)[0];
            return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) ? ns * 1e-9 : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
