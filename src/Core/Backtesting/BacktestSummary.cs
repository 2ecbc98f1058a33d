namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Every backtest of one forecast series at one confidence level: what the Key Results table,
/// the grid's grains and the metrics exporter show.
/// </summary>
/// <param name="Alpha">Confidence level, e.g. 0.99.</param>
/// <param name="Observations">Realised days that had a forecast.</param>
/// <param name="MissingForecasts">Realised days without a forecast (no usable fit yet); excluded from the tests, reported here.</param>
/// <param name="Exceptions">Days with loss &gt; VaR.</param>
/// <param name="ExceptionRate">Exceptions / observations (NaN without observations).</param>
/// <param name="ViolationRatio">Observed over expected exceptions, i.e. rate / (1 − α).</param>
/// <param name="Kupiec">Kupiec proportion-of-failures LR test (1 dof).</param>
/// <param name="ChristoffersenIndependence">Christoffersen Markov independence LR test (1 dof).</param>
/// <param name="ChristoffersenConditionalCoverage">Christoffersen conditional coverage LR test (2 dof).</param>
/// <param name="Duration">Christoffersen–Pelletier duration-based independence test, with the discrete
/// Weibull of Haas (2005) for whole-day durations (see <see cref="DurationTest"/>); NaN with fewer than
/// two exceptions.</param>
/// <param name="AverageVaR">Mean forecast VaR over the observations.</param>
/// <param name="AverageES">Mean forecast ES over the observations (NaN if a model gave VaR without ES).</param>
/// <param name="EsStatistic">ES backtest statistic (Acerbi–Székely Z2: 0 when ES is right, negative when ES is too low).</param>
/// <param name="EsPValue">p-value of the ES backtest (one-sided: ES underestimated), from Z2's resampled
/// null distribution (see <see cref="EsBacktest"/>).</param>
/// <param name="QuantileLoss">Average quantile (tick / pinball) loss of VaR; lower is better.</param>
/// <param name="TrafficLight">Basel zone over the last 250 observations (fewer while there are fewer).</param>
public sealed record BacktestSummary(
    double Alpha,
    int Observations,
    int MissingForecasts,
    int Exceptions,
    double ExceptionRate,
    double ViolationRatio,
    HypothesisTest Kupiec,
    HypothesisTest ChristoffersenIndependence,
    HypothesisTest ChristoffersenConditionalCoverage,
    HypothesisTest Duration,
    double AverageVaR,
    double AverageES,
    double EsStatistic,
    double EsPValue,
    double QuantileLoss,
    TrafficLight TrafficLight);
