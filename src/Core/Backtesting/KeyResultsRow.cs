namespace RiskGrid.Core.Backtesting;

/// <summary>
/// One row of the Key Results table: a model at one level, pooled over instruments. With a single
/// instrument every field is that instrument's own result; with several, counts are pooled, p-values
/// are medians and zones are counted.
/// </summary>
/// <param name="Instruments">Instruments pooled into the row.</param>
/// <param name="Observations">Realised forecasts over all instruments.</param>
/// <param name="MissingForecasts">Realised days without a forecast (no usable fit).</param>
/// <param name="Exceptions">Exceptions over all instruments.</param>
/// <param name="ExceptionRate">Pooled exceptions / observations.</param>
/// <param name="ViolationRatio">Pooled rate / (1 − α).</param>
/// <param name="AverageES">Mean forecast ES (observation-weighted).</param>
/// <param name="QuantileLoss">Mean quantile loss (observation-weighted).</param>
/// <param name="Green">Instruments in the green zone; likewise <paramref name="Yellow"/> and <paramref name="Red"/>.</param>
/// <param name="Tests">Every catalogued test and p-value method, pooled (<see cref="PooledTest"/>), in catalogue order.</param>
public sealed record KeyResultsRow(
    string Model,
    double Alpha,
    int Instruments,
    int Observations,
    int MissingForecasts,
    int Exceptions,
    double ExceptionRate,
    double ViolationRatio,
    double AverageES,
    double QuantileLoss,
    int Green,
    int Yellow,
    int Red,
    IReadOnlyList<PooledTest> Tests)
{
    /// <summary>The worst zone among the pooled instruments.</summary>
    public TrafficLightZone WorstZone => Red > 0 ? TrafficLightZone.Red : Yellow > 0 ? TrafficLightZone.Yellow : TrafficLightZone.Green;

    /// <summary>The pooled <paramref name="test"/> with p-values by <paramref name="method"/> (its primary method when null), or null.</summary>
    public PooledTest? Find(string test, string? method = null) =>
        Tests.FirstOrDefault(t => t.Test == test && (method is null || t.Method == method));

    /// <summary>Median p-value of <paramref name="test"/> (primary method unless given); NaN when absent.</summary>
    public double MedianPValue(string test, string? method = null) => Find(test, method)?.MedianPValue ?? double.NaN;

    /// <summary>Instruments whose <paramref name="test"/> rejects at 5%; 0 when absent.</summary>
    public int Rejections(string test, string? method = null) => Find(test, method)?.Rejections ?? 0;

    /// <summary>Mean statistic of <paramref name="test"/>; NaN when absent.</summary>
    public double MeanStatistic(string test) => Find(test)?.MeanStatistic ?? double.NaN;

    public bool Equals(KeyResultsRow? other) =>
        other is not null && Model == other.Model && Alpha.Equals(other.Alpha) && Instruments == other.Instruments
        && Observations == other.Observations && MissingForecasts == other.MissingForecasts && Exceptions == other.Exceptions
        && ExceptionRate.Equals(other.ExceptionRate) && ViolationRatio.Equals(other.ViolationRatio)
        && AverageES.Equals(other.AverageES) && QuantileLoss.Equals(other.QuantileLoss)
        && Green == other.Green && Yellow == other.Yellow && Red == other.Red && Tests.SequenceEqual(other.Tests);

    public override int GetHashCode() => HashCode.Combine(Model, Alpha, Instruments, Observations, Tests.Count);
}
