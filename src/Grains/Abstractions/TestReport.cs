namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One catalogued backtest's result (the grid's copy of Core's <c>TestResult</c>): the test's
/// catalogue name, statistic, χ² degrees of freedom (0 when none), every p-value (primary first)
/// and, where it is undefined on the data, why.
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.TestReport")]
public sealed record TestReport(
    [property: Id(0)] string Test,
    [property: Id(1)] double Statistic,
    [property: Id(2)] int DegreesOfFreedom,
    [property: Id(3)] PValueReport[] PValues,
    [property: Id(4)] string? Undefined)
{
    /// <summary>The primary p-value; NaN when there is none.</summary>
    public double PValue => PValues.Length > 0 ? PValues[0].Value : double.NaN;

    // Value equality over the p-values (an array compares by reference otherwise); NaN equals NaN.
    public bool Equals(TestReport? other) =>
        other is not null && Test == other.Test && Statistic.Equals(other.Statistic)
        && DegreesOfFreedom == other.DegreesOfFreedom && Undefined == other.Undefined && PValues.SequenceEqual(other.PValues);

    public override int GetHashCode() => HashCode.Combine(Test, Statistic, DegreesOfFreedom, PValues.Length);
}
