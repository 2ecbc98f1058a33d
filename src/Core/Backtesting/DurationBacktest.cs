namespace RiskGrid.Core.Backtesting;

/// <summary>The catalogue's Christoffersen–Pelletier duration test with the discrete Weibull (see <see cref="DurationTest"/>): LR χ²(1), and a Dufour Monte Carlo p-value.</summary>
public sealed class DurationBacktest : IBacktest
{
    public const string TestName = "duration";

    /// <summary>
    /// Monte Carlo replicates: fewer than the other hit tests' (<see cref="DufourMonteCarlo.CachedReplications"/>)
    /// because each needs a Weibull fit; (N + 1)·5% is still whole, so the 5% test keeps its size.
    /// </summary>
    public const int MonteCarloReplications = 999;

    public string Name => TestName;

    public string Description => "Christoffersen–Pelletier (2004) duration test, discrete Weibull (Haas 2005), LR ~ χ²(1); H0: memoryless durations";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var result = TestResult.FromChiSquared(TestName, DurationTest.Compute(data.Hits), "fewer than two exceptions");
        return result.With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => DurationTest.Compute(h).Statistic, MonteCarloReplications));
    }
}
