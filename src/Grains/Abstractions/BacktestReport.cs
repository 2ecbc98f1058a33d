namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// Every backtest of one forecast series at one confidence level (the grid's copy of the Core
/// backtest summary): exception counts, average forecasts, quantile loss, the Basel traffic light
/// and every catalogued test's result in catalogue order.
/// </summary>
/// <remarks>Ids 6–9, 12 and 13 held the named tests before the catalogue; they are not reused.</remarks>
[GenerateSerializer, Immutable, Alias("riskgrid.BacktestReport")]
public sealed record BacktestReport(
    [property: Id(0)] double Alpha,
    [property: Id(1)] int Observations,
    [property: Id(2)] int MissingForecasts,
    [property: Id(3)] int Exceptions,
    [property: Id(4)] double ExceptionRate,
    [property: Id(5)] double ViolationRatio,
    [property: Id(10)] double AverageVaR,
    [property: Id(11)] double AverageES,
    [property: Id(14)] double QuantileLoss,
    [property: Id(15)] TrafficLightReport TrafficLight,
    [property: Id(16)] TestReport[] Tests)
{
    /// <summary>The result of the test named <paramref name="test"/>, or null.</summary>
    public TestReport? Find(string test) => Tests.FirstOrDefault(t => t.Test == test);

    public bool Equals(BacktestReport? other) =>
        other is not null && Alpha.Equals(other.Alpha) && Observations == other.Observations
        && MissingForecasts == other.MissingForecasts && Exceptions == other.Exceptions
        && ExceptionRate.Equals(other.ExceptionRate) && ViolationRatio.Equals(other.ViolationRatio)
        && AverageVaR.Equals(other.AverageVaR) && AverageES.Equals(other.AverageES)
        && QuantileLoss.Equals(other.QuantileLoss) && TrafficLight == other.TrafficLight && Tests.SequenceEqual(other.Tests);

    public override int GetHashCode() => HashCode.Combine(Alpha, Observations, Exceptions, Tests.Length);
}
