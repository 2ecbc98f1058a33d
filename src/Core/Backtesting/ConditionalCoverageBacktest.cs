namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen conditional coverage test LR_pof + LR_ind (see <see cref="ChristoffersenTest"/>): χ²(2).</summary>
public sealed class ConditionalCoverageBacktest : IBacktest
{
    public const string TestName = "christoffersen-cc";

    public string Name => TestName;

    public string Description => "Christoffersen (1998) conditional coverage LR_pof + LR_ind ~ χ²(2); H0: right rate and independent";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data) =>
        TestResult.FromChiSquared(TestName, ChristoffersenTest.ConditionalCoverage(data.Hits, data.ExpectedRate), "fewer than two observations");
}
