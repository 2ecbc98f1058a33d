using System.Runtime.InteropServices;

namespace RiskGrid.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so that per-fit
/// figures on a machine shared with other work count the fit's own cycles, not the time it waited for a core.
/// Elsewhere, or if the call fails, it falls back to wall time (and <see cref="IsThreadTime"/> says so).
/// </summary>
internal static partial class ThreadClock
{
    private const int ThreadCpuTime = 3;

    public static bool IsThreadTime { get; } = OperatingSystem.IsLinux() && TryNow(out _);

    /// <summary>Microseconds on this thread's clock.</summary>
    public static double Now() =>
        IsThreadTime && TryNow(out var us) ? us : System.Diagnostics.Stopwatch.GetTimestamp() * 1e6 / System.Diagnostics.Stopwatch.Frequency;

    public static string Describe => IsThreadTime ? "thread CPU time" : "wall time";

    private static bool TryNow(out double microseconds)
    {
        try
        {
            if (clock_gettime(ThreadCpuTime, out var spec) == 0)
            {
                microseconds = spec.Seconds * 1e6 + spec.Nanoseconds * 1e-3;
                return true;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        microseconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec spec);
}
