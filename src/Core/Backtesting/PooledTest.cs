namespace RiskGrid.Core.Backtesting;

/// <summary>
/// One catalogued test's p-value of one method, pooled over a Key Results row's instruments (over
/// the instruments where it is defined). A test without p-values pools to one entry with an empty method.
/// </summary>
/// <param name="Test">The catalogue name.</param>
/// <param name="Method">The p-value's method (<see cref="PValueMethods"/>); empty for a statistic-only test.</param>
/// <param name="MeanStatistic">Mean of the statistic over instruments.</param>
/// <param name="MedianPValue">Median of the p-value over instruments.</param>
/// <param name="Rejections">Instruments whose p-value is below 5%.</param>
public sealed record PooledTest(string Test, string Method, double MeanStatistic, double MedianPValue, int Rejections)
{
    /// <summary>Significance level of <see cref="Rejections"/>.</summary>
    public const double RejectionLevel = 0.05;
}
