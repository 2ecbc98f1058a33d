using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Sample mean and variance of the returns being fitted. Working (optimiser) coordinates are
/// expressed relative to them (μ in standard deviations, ω as a fraction of the variance), so an
/// estimation behaves the same whatever the units of the returns.
/// </summary>
/// <param name="Mean">Sample mean.</param>
/// <param name="Variance">Sample variance about the mean (divisor T).</param>
public readonly record struct DataScale(double Mean, double Variance)
{
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Mean and variance of <paramref name="returns"/> (NaN when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DataScale Of(ReadOnlySpan<double> returns)
    {
        if (returns.Length == 0)
        {
            return new DataScale(double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var r in returns)
        {
            sum += r;
        }

        var mean = sum / returns.Length;
        double ss = 0;
        foreach (var r in returns)
        {
            ss += (r - mean) * (r - mean);
        }

        return new DataScale(mean, ss / returns.Length);
    }
}
