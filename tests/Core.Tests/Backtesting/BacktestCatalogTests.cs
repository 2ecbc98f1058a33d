using System.Text.RegularExpressions;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed partial class BacktestCatalogTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    [Fact]
    public void Every_test_is_registered_once_under_a_stable_name()
    {
        Assert.Equal(BacktestCatalog.All.Count, BacktestCatalog.Names.Distinct().Count());
        Assert.All(BacktestCatalog.All, t =>
        {
            Assert.Matches(NamePattern(), t.Name);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
            Assert.NotEqual(BacktestNeeds.None, t.Needs);
            Assert.Same(t, BacktestCatalog.Get(t.Name.ToUpperInvariant()));
        });
        var ex = Assert.Throws<ArgumentException>(() => BacktestCatalog.Get("no-such-test"));
        Assert.Contains("kupiec", ex.Message);
    }

    [Fact]
    public void A_summary_carries_every_test_in_catalogue_order_and_says_why_one_is_undefined()
    {
        var rng = new Random(5);
        var losses = Enumerable.Range(0, 600).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var var = Enumerable.Range(0, 600).Select(t => 1.8 + 0.1 * Math.Sin(t / 7.0)).ToArray();
        var es = Enumerable.Range(0, 600).Select(t => 1.9 + 0.05 * Math.Cos(t / 11.0)).ToArray(); // ESR regresses on it: it must vary
        // PITs and volatilities (they need not be right, only there, with a few in the tail), so the PIT tests are defined too.
        var pits = losses.Select(_ => Math.Pow(rng.NextDouble(), 2)).ToArray();
        var s = Backtester.Summarize(losses, var, es, 0, 0.99, pits: pits, volatility: var.Select(v => v / 2.33).ToArray());
        Assert.Equal(BacktestCatalog.Names, s.Tests.Select(t => t.Test));
        Assert.All(s.Tests, t => Assert.Null(t.Undefined));
        Assert.Contains("no PIT", Backtester.Summarize(losses, var, es, 0, 0.99).Test(BerkowitzBacktest.TestName).Undefined);

        var empty = Backtester.Summarize([], [], [], 0, 0.99);
        Assert.Equal(BacktestCatalog.Names, empty.Tests.Select(t => t.Test));
        Assert.All(empty.Tests, t =>
        {
            Assert.True(double.IsNaN(t.Statistic) && double.IsNaN(t.PValue), t.Test);
            Assert.False(string.IsNullOrEmpty(t.Undefined), t.Test);
        });

        // One exception: the duration test has no uncensored duration, the others are defined.
        var one = Backtester.Summarize([3.0, 0, 0, 0], [1.0, 1, 1, 1], [2.0, 2, 2, 2], 0, 0.99);
        Assert.Equal("fewer than two exceptions", one.Test(DurationBacktest.TestName).Undefined);
        Assert.Null(one.Test(KupiecBacktest.TestName).Undefined);
    }

    [Fact]
    public void Catalogue_results_are_the_original_tests_unchanged()
    {
        bool[] hits = [false, true, false, false, true, true, false, false, false, true, false, false];
        var losses = hits.Select(h => h ? 2.0 : 0.5).ToArray();
        var data = new BacktestData(losses, Enumerable.Repeat(1.0, hits.Length).ToArray(), Enumerable.Repeat(1.5, hits.Length).ToArray(), 0.9);
        var results = BacktestCatalog.Run(data);
        TestResult Of(string name) => results.Single(r => r.Test == name);
        Assert.Equal(KupiecTest.Compute(hits, 1 - 0.9), SummaryAccess.Hypothesis(Of(KupiecBacktest.TestName)));
        Assert.Equal(ChristoffersenTest.Independence(hits), SummaryAccess.Hypothesis(Of(IndependenceBacktest.TestName)));
        Assert.Equal(ChristoffersenTest.ConditionalCoverage(hits, 1 - 0.9), SummaryAccess.Hypothesis(Of(ConditionalCoverageBacktest.TestName)));
        Assert.Equal(DurationTest.Compute(hits), SummaryAccess.Hypothesis(Of(DurationBacktest.TestName)));
        var z2 = EsBacktest.Test(data.Losses, data.ValueAtRisk, data.ExpectedShortfall, 0.9);
        var es = Of(EsZ2Backtest.TestName);
        Assert.Equal((z2.Statistic, z2.PValue), (es.Statistic, es.PValue));
        Assert.Equal(PValueMethods.Resampled, es.Method);
    }
}
