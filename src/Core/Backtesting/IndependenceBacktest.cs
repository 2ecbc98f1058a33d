namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen Markov independence test (see <see cref="ChristoffersenTest"/>): LR χ²(1).</summary>
public sealed class IndependenceBacktest : IBacktest
{
    public const string TestName = "christoffersen-ind";

    public string Name => TestName;

    public string Description => "Christoffersen (1998) Markov independence, LR ~ χ²(1); H0: exceptions independent of yesterday's";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data) =>
        TestResult.FromChiSquared(TestName, ChristoffersenTest.Independence(data.Hits), "fewer than two observations");
}
