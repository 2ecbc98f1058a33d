namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen conditional coverage test LR_pof + LR_ind (see <see cref="ChristoffersenTest"/>): χ²(2), and a Dufour Monte Carlo p-value.</summary>
public sealed class ConditionalCoverageBacktest : IBacktest
{
    public const string TestName = "christoffersen-cc";

    public string Name => TestName;

    public string Description => "Christoffersen (1998) conditional coverage LR_pof + LR_ind ~ χ²(2); H0: right rate and independent";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var rate = data.ExpectedRate;
        var result = TestResult.FromChiSquared(TestName, ChristoffersenTest.ConditionalCoverage(data.Hits, rate), "fewer than two observations");
        return result.With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => ChristoffersenTest.ConditionalCoverage(h, rate).Statistic));
    }
}
