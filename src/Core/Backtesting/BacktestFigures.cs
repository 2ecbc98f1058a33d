namespace RiskGrid.Core.Backtesting;

/// <summary>
/// What a <see cref="BacktestAccumulator"/> knows without the whole sample: the descriptive figures of a
/// <see cref="BacktestSummary"/> (same names, same values), the transition counts and the Kupiec test.
/// </summary>
public sealed record BacktestFigures(
    double Alpha,
    int Observations,
    int MissingForecasts,
    int Exceptions,
    double ExceptionRate,
    double ViolationRatio,
    double AverageVaR,
    double AverageES,
    double QuantileLoss,
    TrafficLight TrafficLight,
    TransitionCounts Transitions,
    HypothesisTest Kupiec);
