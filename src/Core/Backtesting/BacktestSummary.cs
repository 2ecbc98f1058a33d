namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Every backtest of one forecast series at one confidence level: what the Key Results table,
/// the grid's grains and the metrics exporter show. The descriptive figures are fields; the tests
/// are the catalogue's generic results (<see cref="BacktestCatalog"/>), in catalogue order.
/// </summary>
/// <param name="Alpha">Confidence level, e.g. 0.99.</param>
/// <param name="Observations">Realised days that had a forecast.</param>
/// <param name="MissingForecasts">Realised days without a forecast (no usable fit yet); excluded from the tests, reported here.</param>
/// <param name="Exceptions">Days with loss &gt; VaR.</param>
/// <param name="ExceptionRate">Exceptions / observations (NaN without observations).</param>
/// <param name="ViolationRatio">Observed over expected exceptions, i.e. rate / (1 − α).</param>
/// <param name="AverageVaR">Mean forecast VaR over the observations.</param>
/// <param name="AverageES">Mean forecast ES over the observations (NaN if a model gave VaR without ES).</param>
/// <param name="QuantileLoss">Average quantile (tick / pinball) loss of VaR; lower is better.</param>
/// <param name="TrafficLight">Basel zone over the last 250 observations (fewer while there are fewer).</param>
/// <param name="Tests">Every catalogued test's result.</param>
public sealed record BacktestSummary(
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
    IReadOnlyList<TestResult> Tests)
{
    /// <summary>The result of the test named <paramref name="test"/>, or null when this summary has none.</summary>
    public TestResult? Find(string test) => Tests.FirstOrDefault(t => t.Test == test);

    /// <summary>The result of the test named <paramref name="test"/>; throws when this summary has none.</summary>
    public TestResult Test(string test) =>
        Find(test) ?? throw new KeyNotFoundException($"the backtest summary has no '{test}' result");

    // Value equality over the tests (a list compares by reference otherwise); doubles compare with
    // Equals, so NaN equals NaN.
    public bool Equals(BacktestSummary? other) =>
        other is not null && Alpha.Equals(other.Alpha) && Observations == other.Observations
        && MissingForecasts == other.MissingForecasts && Exceptions == other.Exceptions
        && ExceptionRate.Equals(other.ExceptionRate) && ViolationRatio.Equals(other.ViolationRatio)
        && AverageVaR.Equals(other.AverageVaR) && AverageES.Equals(other.AverageES)
        && QuantileLoss.Equals(other.QuantileLoss) && TrafficLight == other.TrafficLight
        && Tests.SequenceEqual(other.Tests);

    public override int GetHashCode() => HashCode.Combine(Alpha, Observations, Exceptions, Tests.Count);
}
