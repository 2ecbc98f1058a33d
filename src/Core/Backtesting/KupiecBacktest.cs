namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The catalogue's Kupiec POF test (see <see cref="KupiecTest"/>): LR with its asymptotic χ²(1)
/// p-value (primary), the exact and mid-p values from LR's binomial law, and a Dufour Monte Carlo value.
/// </summary>
public sealed class KupiecBacktest : IBacktest
{
    public const string TestName = "kupiec";

    public string Name => TestName;

    public string Description => "Kupiec (1995) proportion of failures, LR ~ χ²(1); H0: exception rate = 1 − α";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var result = TestResult.FromChiSquared(TestName, KupiecTest.Compute(data.Hits, data.ExpectedRate), "no observations");
        var (exact, midP) = KupiecTest.ExactPValues(data.Count, data.Exceptions, data.ExpectedRate);
        var rate = data.ExpectedRate;
        return result.With(new PValue(PValueMethods.Exact, exact)).With(new PValue(PValueMethods.MidP, midP))
            .With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => KupiecTest.Compute(h, rate).Statistic));
    }
}
