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
}
