using System.Collections.Concurrent;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Process-wide tallies of what <see cref="GarchFitter"/> did, per model name (<see cref="VolatilityModel.Name"/>),
/// for benchmarks and diagnostics: fits, likelihood passes, fits that fell back to MathNet's BFGS-B, and the
/// stuck-optimum guard's probes and the fits they changed. Thread-safe; never read by the fitter itself.
/// </summary>
public static class FitCounters
{
    private static readonly ConcurrentDictionary<string, Tally> Tallies = new();

    /// <summary>The tallies of one model so far.</summary>
    public static FitTally Of(string modelName) =>
        Tallies.TryGetValue(modelName, out var t) ? t.Snapshot() : default;

    internal static void Record(string modelName, int passes, int guardPasses, bool fallback, bool probed, bool tracked, bool changed,
        bool scanned = false) =>
        Tallies.GetOrAdd(modelName, _ => new Tally()).Add(passes, guardPasses, fallback, probed, tracked, changed, scanned);

    private sealed class Tally
    {
        private long _fits, _passes, _guardPasses, _fallbacks, _probes, _tracked, _changes, _scans;

        public void Add(int passes, int guardPasses, bool fallback, bool probed, bool tracked, bool changed, bool scanned)
        {
            if (scanned)
            {
                Interlocked.Increment(ref _scans);
            }

            Interlocked.Increment(ref _fits);
            Interlocked.Add(ref _passes, passes);
            Interlocked.Add(ref _guardPasses, guardPasses);
            if (fallback)
            {
                Interlocked.Increment(ref _fallbacks);
            }

            if (probed)
            {
                Interlocked.Increment(ref _probes);
            }

            if (tracked)
            {
                Interlocked.Increment(ref _tracked);
            }

            if (changed)
            {
                Interlocked.Increment(ref _changes);
            }
        }

        public FitTally Snapshot() => new(Interlocked.Read(ref _fits), Interlocked.Read(ref _passes),
            Interlocked.Read(ref _fallbacks), Interlocked.Read(ref _probes), Interlocked.Read(ref _tracked),
            Interlocked.Read(ref _changes), Interlocked.Read(ref _guardPasses), Interlocked.Read(ref _scans));
    }
}

/// <summary>A snapshot of <see cref="FitCounters"/> for one model.</summary>
/// <param name="Fits">Fits attempted.</param>
/// <param name="Passes">Likelihood passes over the window (with or without gradient) in all of them.</param>
/// <param name="Fallbacks">Fits where the quasi-Newton search stalled and MathNet's BFGS-B took over.</param>
/// <param name="GuardProbes">Fits where the stuck-optimum guard fired: probed (searched from the cold-start grid's best points)
/// or flipped a bound.</param>
/// <param name="GuardTracked">Fits where the guard also refitted the other local maximum it tracks, or the main path beside
/// the answer's own (see <see cref="GarchFitter"/>'s search across the mean's cusps).</param>
/// <param name="GuardChanges">Fits whose answer the guard's extra searches improved.</param>
/// <param name="GuardPasses">The part of <paramref name="Passes"/> the guard spent (flips, probes, the tracked maximum, the
/// answer's own path beside the main one, the mean's stretches).</param>
/// <param name="GuardScans">Fits where the guard searched the stretches between the returns next to μ (a process with cusps in
/// the mean, <see cref="VolatilityProcess.HasMeanCusps"/>); counted in <paramref name="GuardProbes"/> too.</param>
public readonly record struct FitTally(long Fits, long Passes, long Fallbacks, long GuardProbes, long GuardTracked, long GuardChanges,
    long GuardPasses = 0, long GuardScans = 0)
{
    public static FitTally operator -(FitTally a, FitTally b) => new(a.Fits - b.Fits, a.Passes - b.Passes,
        a.Fallbacks - b.Fallbacks, a.GuardProbes - b.GuardProbes, a.GuardTracked - b.GuardTracked, a.GuardChanges - b.GuardChanges,
        a.GuardPasses - b.GuardPasses, a.GuardScans - b.GuardScans);

    public static FitTally operator +(FitTally a, FitTally b) => new(a.Fits + b.Fits, a.Passes + b.Passes,
        a.Fallbacks + b.Fallbacks, a.GuardProbes + b.GuardProbes, a.GuardTracked + b.GuardTracked, a.GuardChanges + b.GuardChanges,
        a.GuardPasses + b.GuardPasses, a.GuardScans + b.GuardScans);
}
