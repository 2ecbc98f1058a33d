namespace RiskGrid.Core.Backtesting;

/// <summary>The sample autocovariance γ̂(k) = (1/T) Σ_{t≥k} (x_t − x̄)(x_{t−k} − x̄) (divisor T, so the sequence is positive
/// semi-definite), shared by <see cref="DieboldMarianoTest.LongRunVariance"/> and
/// <see cref="StationaryBootstrap.PolitisWhiteBlockLength"/>.</summary>
internal static class SampleAutocovariance
{
    /// <summary>γ̂(<paramref name="lag"/>) of <paramref name="x"/> about <paramref name="mean"/>.</summary>
    public static double At(ReadOnlySpan<double> x, double mean, int lag)
    {
        var sum = 0.0;
        for (var t = lag; t < x.Length; t++)
        {
            sum += (x[t] - mean) * (x[t - lag] - mean);
        }

        return sum / x.Length;
    }
}
