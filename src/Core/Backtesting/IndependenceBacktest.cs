namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen Markov independence test (see <see cref="ChristoffersenTest"/>): LR χ²(1), and a Dufour Monte Carlo p-value.</summary>
public sealed class IndependenceBacktest : IBacktest
{
    public const string TestName = "christoffersen-ind";

    public string Name => TestName;

    public string Description => "Christoffersen (1998) Markov independence, LR ~ χ²(1); H0: exceptions independent of yesterday's";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var result = TestResult.FromChiSquared(TestName, ChristoffersenTest.Independence(data.Hits), "fewer than two observations");
        return result.With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => ChristoffersenTest.Independence(h).Statistic));
    }
}
