using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class KeyResultsTests
{
    private static BacktestSummary Summary(double alpha, int obs, int exc, double kupiecP, double ccP, double es, double z2,
        double loss, TrafficLightZone zone, int missing = 0) =>
        new(alpha, obs, missing, exc, (double)exc / obs, (double)exc / obs / (1 - alpha), 2.0, es, loss, new TrafficLight(zone, exc, 250),
        [
            Chi2(KupiecBacktest.TestName, kupiecP, 1), Chi2(IndependenceBacktest.TestName, 0.5, 1),
            Chi2(ConditionalCoverageBacktest.TestName, ccP, 2),
            new TestResult(EsZ2Backtest.TestName, z2, 0, [new PValue(PValueMethods.Resampled, 0.5)], null),
        ]);

    private static TestResult Chi2(string test, double p, int dof) => new(test, 1, dof, [new PValue(PValueMethods.ChiSquared, p)], null);

    [Fact]
    public void A_single_instrument_row_is_that_instruments_result()
    {
        var s = Summary(0.99, 500, 7, 0.31, 0.12, 2.5, -0.2, 0.041, TrafficLightZone.Yellow, missing: 3);
        var row = Assert.Single(KeyResults.Aggregate([new PairBacktest("SP500", "garch-t", s)]));
        Assert.Equal(("garch-t", 0.99, 1, 500, 3, 7), (row.Model, row.Alpha, row.Instruments, row.Observations, row.MissingForecasts, row.Exceptions));
        Assert.Equal(s.ExceptionRate, row.ExceptionRate, 15);
        Assert.Equal(s.ViolationRatio, row.ViolationRatio, 12);
        Assert.Equal(0.31, row.MedianPValue(KupiecBacktest.TestName));
        Assert.Equal(0.12, row.MedianPValue(ConditionalCoverageBacktest.TestName));
        Assert.Equal(2.5, row.AverageES);
        Assert.Equal(-0.2, row.MeanStatistic(EsZ2Backtest.TestName));
        Assert.Equal(TrafficLightZone.Yellow, row.WorstZone);
    }

    [Fact]
    public void Several_instruments_pool_counts_take_median_p_values_and_count_zones()
    {
        var rows = KeyResults.Aggregate(
        [
            new PairBacktest("A", "hs", Summary(0.99, 100, 1, 0.10, 0.9, 2.0, 0.0, 0.02, TrafficLightZone.Green)),
            new PairBacktest("B", "hs", Summary(0.99, 300, 6, 0.01, 0.2, 4.0, -0.4, 0.04, TrafficLightZone.Yellow)),
            new PairBacktest("C", "hs", Summary(0.99, 100, 3, double.NaN, 0.4, 3.0, 0.1, 0.03, TrafficLightZone.Red)),
            new PairBacktest("A", "hs", Summary(0.95, 100, 5, 0.99, 0.9, 1.0, 0.0, 0.05, TrafficLightZone.Green)),
            new PairBacktest("A", "normal", Summary(0.99, 100, 2, 0.7, 0.9, 1.0, 0.0, 0.05, TrafficLightZone.Green)),
        ]);

        Assert.Equal([("hs", 0.95), ("hs", 0.99), ("normal", 0.99)], rows.Select(r => (r.Model, r.Alpha)));
        var hs99 = rows[1];
        Assert.Equal(3, hs99.Instruments);
        Assert.Equal(500, hs99.Observations);
        Assert.Equal(10, hs99.Exceptions);
        Assert.Equal(10.0 / 500, hs99.ExceptionRate, 15);
        Assert.Equal(10.0 / 500 / 0.01, hs99.ViolationRatio, 10);
        Assert.Equal((0.10 + 0.01) / 2, hs99.MedianPValue(KupiecBacktest.TestName), 15); // NaN excluded, median of two
        Assert.Equal(1, hs99.Rejections(KupiecBacktest.TestName));
        Assert.Equal(0.4, hs99.MedianPValue(ConditionalCoverageBacktest.TestName), 15);
        Assert.Equal((2.0 * 100 + 4.0 * 300 + 3.0 * 100) / 500, hs99.AverageES, 12);
        Assert.Equal((0.0 - 0.4 + 0.1) / 3, hs99.MeanStatistic(EsZ2Backtest.TestName), 12);
        Assert.Equal((1, 1, 1), (hs99.Green, hs99.Yellow, hs99.Red));
        Assert.Equal(TrafficLightZone.Red, hs99.WorstZone);
        Assert.Equal([KupiecBacktest.TestName, IndependenceBacktest.TestName, ConditionalCoverageBacktest.TestName, EsZ2Backtest.TestName],
            hs99.Tests.Select(t => t.Test)); // every (test, method), in catalogue order
        Assert.True(double.IsNaN(hs99.MedianPValue(KupiecBacktest.TestName, PValueMethods.MonteCarlo))); // no such p-value
    }
}
