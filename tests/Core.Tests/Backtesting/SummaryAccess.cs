using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The catalogue's results of the original tests as the tests' <see cref="HypothesisTest"/>s, by name.</summary>
internal static class SummaryAccess
{
    public static HypothesisTest Kupiec(this BacktestSummary s) => Hypothesis(s.Test(KupiecBacktest.TestName));

    public static HypothesisTest ChristoffersenIndependence(this BacktestSummary s) => Hypothesis(s.Test(IndependenceBacktest.TestName));

    public static HypothesisTest ChristoffersenConditionalCoverage(this BacktestSummary s) => Hypothesis(s.Test(ConditionalCoverageBacktest.TestName));

    public static HypothesisTest Duration(this BacktestSummary s) => Hypothesis(s.Test(DurationBacktest.TestName));

    public static double EsStatistic(this BacktestSummary s) => s.Test(EsZ2Backtest.TestName).Statistic;

    public static double EsPValue(this BacktestSummary s) => s.Test(EsZ2Backtest.TestName).PValue;

    /// <summary>The χ² p-value as a <see cref="HypothesisTest"/>.</summary>
    public static HypothesisTest Hypothesis(TestResult t) => new(t.Statistic, t.PValueOf(PValueMethods.ChiSquared), t.DegreesOfFreedom);
}
