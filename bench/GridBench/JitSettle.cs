using System.Diagnostics;
using System.Runtime;

namespace RiskGrid.GridBench;

/// <summary>
/// Waits until the JIT has stopped compiling (no compilation time added over a quarter of a second, at most 15 s):
/// after a warm-up, tiered compilation keeps recompiling the hot methods on a background thread for seconds, and on
/// a 2-core machine that work would otherwise land in whichever engine's timed run comes next.
/// </summary>
public static class JitSettle
{
    // A warm-up run that compiles fewer methods than this leaves the JIT quiet enough to time the next run.
    private const int QuietMethods = 100;

    public static async Task<TimeSpan> WaitAsync()
    {
        var clock = Stopwatch.StartNew();
        var last = JitInfo.GetCompilationTime();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250);
            var now = JitInfo.GetCompilationTime();
            if (now == last)
            {
                break;
            }

            last = now;
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// Runs <paramref name="warmUp"/> (untimed) and waits for the JIT after each run, until a run and its wait compile
    /// fewer than <see cref="QuietMethods"/> methods (at least twice, at most <paramref name="maxRuns"/> times). Tiered
    /// compilation recompiles a method after 30 calls (instrumented) and again after 30 more (optimised); the grid's
    /// per-pair, per-activation and per-push methods get there only over several runs, and two warm-up runs had left
    /// ~2,000–4,000 methods to compile in the grid's timed run.
    /// </summary>
    public static async Task<(int Runs, JitCounts Last)> WarmUpAsync(Func<Task> warmUp, int maxRuns = 6)
    {
        var runs = 0;
        JitCounts last;
        do
        {
            var before = JitCounts.Now();
            await warmUp();
            await WaitAsync();
            last = JitCounts.Now() - before;
            runs++;
        }
        while (runs < maxRuns && (runs < 2 || last.Methods >= QuietMethods));

        return (runs, last);
    }
}
