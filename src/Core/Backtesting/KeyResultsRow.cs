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
/// <param name="KupiecPValue">Kupiec POF p-value (median over instruments).</param>
/// <param name="KupiecRejections">Instruments whose Kupiec test rejects at 5%.</param>
/// <param name="ConditionalCoveragePValue">Christoffersen conditional-coverage p-value (median).</param>
/// <param name="AverageES">Mean forecast ES (observation-weighted).</param>
/// <param name="EsStatistic">Mean ES-backtest statistic over instruments.</param>
/// <param name="QuantileLoss">Mean quantile loss (observation-weighted).</param>
/// <param name="Green">Instruments in the green zone; likewise <paramref name="Yellow"/> and <paramref name="Red"/>.</param>
public sealed record KeyResultsRow(
    string Model,
    double Alpha,
    int Instruments,
    int Observations,
    int MissingForecasts,
    int Exceptions,
    double ExceptionRate,
    double ViolationRatio,
    double KupiecPValue,
    int KupiecRejections,
    double ConditionalCoveragePValue,
    double AverageES,
    double EsStatistic,
    double QuantileLoss,
    int Green,
    int Yellow,
    int Red)
{
    /// <summary>The worst zone among the pooled instruments.</summary>
    public TrafficLightZone WorstZone => Red > 0 ? TrafficLightZone.Red : Yellow > 0 ? TrafficLightZone.Yellow : TrafficLightZone.Green;
}
