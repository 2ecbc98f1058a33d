using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using Spectre.Console;

namespace RiskGrid.Client.Tests.Cli;

public sealed class BacktestTestsTableTests
{
    [Fact]
    public void A_result_whose_primary_p_value_is_undefined_still_shows_its_statistic_and_its_defined_p_values()
    {
        var losses = Enumerable.Range(0, 100).Select(i => (i % 7) - 3.0).ToArray();
        var var99 = Enumerable.Repeat(10.0, 100).ToArray();
        var summary = Backtester.Summarize(losses, var99, var99, 0, 0.99);
        const string why = "fewer than five exceptions (the resampled p-value needs five)";
        var partly = new TestResult(EsZ1Backtest.TestName, 0.25, 0,
            [new PValue(PValueMethods.Resampled, double.NaN), new PValue(PValueMethods.MonteCarlo, 0.3)], why);
        var none = new TestResult(EsZ1Backtest.TestName, double.NaN, 0, [new PValue(PValueMethods.Resampled, double.NaN)], "no exceptions");
        var rows = BacktestTestsTable.Describe(
            [new PairBacktest("A", "hs", summary with { Tests = [partly] }), new PairBacktest("A", "ewma", summary with { Tests = [none] })],
            OutputFormat.Table).Rows.Select(r => r.Select(Markup.Remove).ToArray()).ToArray();

        // Columns: model, level, test, statistic, p-value, method, other p-values.
        Assert.Equal("0.250", rows[0][3]);
        Assert.Equal("n/a", rows[0][4]);
        Assert.Equal(PValueMethods.Resampled, rows[0][5]);
        Assert.Equal("mc 0.300", rows[0][6]);
        Assert.Equal("undefined", rows[1][3]);
        Assert.Equal(string.Empty, rows[1][6]);
    }
}
