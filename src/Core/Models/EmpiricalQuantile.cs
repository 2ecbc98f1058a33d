namespace RiskGrid.Core.Models;

/// <summary>
/// Empirical VaR and ES of a sample of losses, shared by historical and filtered historical simulation.
/// Quantile: R type 7 (linear interpolation between order statistics, NumPy's default),
/// h = (n − 1)·α. ES: the mean of the sample losses that are ≥ VaR (the tail at or beyond the quantile).
/// The empirical models' PIT is the randomised rank of the day among the sample (<see cref="RankPit"/>), not this
/// quantile's inverse, which is 0 below the sample's lowest point.
/// </summary>
public static class EmpiricalQuantile
{
    /// <summary>VaR and ES at level <paramref name="alpha"/> of losses sorted ascending.</summary>
    public static (double VaR, double ES) TailOfSorted(ReadOnlySpan<double> sortedLosses, double alpha)
    {
        var n = sortedLosses.Length;
        if (n == 0)
        {
            throw new ArgumentException("no observations", nameof(sortedLosses));
        }

        var var = QuantileOfSorted(sortedLosses, alpha);
        double sum = 0;
        var count = 0;
        for (var i = n - 1; i >= 0 && sortedLosses[i] >= var; i--)
        {
            sum += sortedLosses[i];
            count++;
        }

        // With interpolation VaR can exceed every sample only when α → 1; then ES = VaR.
        var es = count > 0 ? Math.Max(sum / count, var) : var;
        return (var, es);
    }

    /// <summary>R type-7 quantile of ascending data at probability <paramref name="p"/>.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "probability must be in [0, 1]");
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
