namespace RiskGrid.Core.Models;

/// <summary>
/// Empirical VaR and ES of a sample of losses, shared by historical and filtered historical simulation.
/// Quantile: R type 7 (linear interpolation between order statistics, NumPy's default),
/// h = (n − 1)·α. ES: the mean of the sample losses that are ≥ VaR (the tail at or beyond the quantile).
/// The matching CDF (<see cref="CumulativeProbability"/>, the PIT of the empirical models) is the inverse of
/// that quantile function.
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

    /// <summary>
    /// The CDF that inverts the type-7 quantile: F(x) is piecewise linear through the points
    /// (x₍ᵢ₎, (i − 1)/(n − 1)), 0 below the smallest observation and 1 above the largest, so that
    /// F(Q(p)) = p wherever Q increases. Ties: a value equal to e ≥ 2 observations (where F jumps from
    /// a/(n − 1) to (a + e − 1)/(n − 1), a the count below) gets the middle of the jump, as mid-ranks do.
    /// Reads <paramref name="sample"/> once, unsorted.
    /// </summary>
    public static double CumulativeProbability(ReadOnlySpan<double> sample, double x)
    {
        var n = sample.Length;
        if (n < 2)
        {
            throw new ArgumentException("the empirical CDF needs at least two observations", nameof(sample));
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        int below = 0, equal = 0;
        double lower = double.NegativeInfinity, upper = double.PositiveInfinity;
        foreach (var v in sample)
        {
            if (v < x)
            {
                below++;
                lower = Math.Max(lower, v);
            }
            else if (v == x)
            {
                equal++;
            }
            else
            {
                upper = Math.Min(upper, v);
            }
        }

        if (equal > 0)
        {
            return (below + 0.5 * (equal - 1)) / (n - 1);
        }

        if (below == 0)
        {
            return 0;
        }

        if (below == n)
        {
            return 1;
        }

        // x lies strictly between the order statistics below (rank below − 1, 0-based) and below + 1.
        return (below - 1 + (x - lower) / (upper - lower)) / (n - 1);
    }
}
