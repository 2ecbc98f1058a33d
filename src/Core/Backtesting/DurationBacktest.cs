namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen–Pelletier duration test with the discrete Weibull (see <see cref="DurationTest"/>): LR χ²(1).</summary>
public sealed class DurationBacktest : IBacktest
{
    public const string TestName = "duration";

    public string Name => TestName;

    public string Description => "Christoffersen–Pelletier (2004) duration test, discrete Weibull (Haas 2005), LR ~ χ²(1); H0: memoryless durations";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data) =>
        TestResult.FromChiSquared(TestName, DurationTest.Compute(data.Hits), "fewer than two exceptions");
}
