namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Kupiec POF test (see <see cref="KupiecTest"/>): LR χ²(1).</summary>
public sealed class KupiecBacktest : IBacktest
{
    public const string TestName = "kupiec";

    public string Name => TestName;

    public string Description => "Kupiec (1995) proportion of failures, LR ~ χ²(1); H0: exception rate = 1 − α";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data) =>
        TestResult.FromChiSquared(TestName, KupiecTest.Compute(data.Hits, data.ExpectedRate), "no observations");
}
