using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class BacktesterTests
{
    // Level 0 at α = 0.9. Losses L = −r: 3 (> VaR 2: exception), –, −1, 2 (= VaR: not an
    // exception), 2.5 (> VaR 1.5: exception), −0.5; then a pending forecast.
    private static readonly IReadOnlyList<ForecastRecord> HandBuilt =
    [
        ForecastRecords.Realised(0, -3.0, 2.0, 2.5),
        ForecastRecords.Missing(1, -4.0),
        ForecastRecords.Realised(2, 1.0, 2.0, 2.5),
        ForecastRecords.Realised(3, -2.0, 2.0, 2.5),
        ForecastRecords.Realised(4, -2.5, 1.5, 2.0),
        ForecastRecords.Realised(5, 0.5, 1.0, 1.5),
        ForecastRecords.Pending(6, 9.0, 9.5),
    ];

    [Fact]
    public void Counts_rates_and_averages_of_hand_built_records()
    {
        var s = Backtester.Summarize(HandBuilt, 0, 0.9);

        Assert.Equal(0.9, s.Alpha);
        Assert.Equal(5, s.Observations);
        Assert.Equal(1, s.MissingForecasts);
        Assert.Equal(2, s.Exceptions);
        Assert.Equal(2.0 / 5, s.ExceptionRate, 12);
        Assert.Equal(2.0 / 5 / 0.1, s.ViolationRatio, 12);
        Assert.Equal((2 + 2 + 2 + 1.5 + 1) / 5, s.AverageVaR, 12);
        Assert.Equal((2.5 + 2.5 + 2.5 + 2 + 1.5) / 5, s.AverageES, 12);

        // Quantile loss: α·(3 − 2), (1 − α)(2 + 1), 0, α·(2.5 − 1.5), (1 − α)(1 + 0.5).
        Assert.Equal((0.9 * 1 + 0.1 * 3 + 0 + 0.9 * 1 + 0.1 * 1.5) / 5, s.QuantileLoss, 12);

        // Z2 = 1 − (3/2.5 + 2.5/2) / (5 · 0.1).
        Assert.Equal(1 - (3 / 2.5 + 2.5 / 2) / 0.5, s.EsStatistic(), 12);
        Assert.InRange(s.EsPValue(), 0, 1);
    }

    [Fact]
    public void Tests_run_on_the_hit_sequence_of_the_observations()
    {
        var s = Backtester.Summarize(HandBuilt, 0, 0.9);
        bool[] hits = [true, false, false, true, false]; // the missing day is not in the sequence
        const double expectedRate = 1 - 0.9; // as the backtester computes it (not the literal 0.1)

        Assert.Equal(KupiecTest.FromCounts(5, 2, expectedRate), s.Kupiec());
        Assert.Equal(ChristoffersenTest.Independence(hits), s.ChristoffersenIndependence());
        Assert.Equal(ChristoffersenTest.ConditionalCoverage(hits, expectedRate), s.ChristoffersenConditionalCoverage());
        Assert.Equal(DurationTest.Compute(hits), s.Duration());
        Assert.Equal(s.Kupiec().Statistic + s.ChristoffersenIndependence().Statistic, s.ChristoffersenConditionalCoverage().Statistic, 12);

        // 2 exceptions in 5 days at 90%: P(X ≤ 2) = 0.99144 → yellow.
        Assert.Equal(new TrafficLight(TrafficLightZone.Yellow, 2, 5), s.TrafficLight);
    }

    [Fact]
    public void Each_level_is_summarised_on_its_own_forecasts()
    {
        // Level 1 has no forecast on day 1 (NaN) although level 0 has one: an observation at level 0,
        // a missing forecast at level 1.
        IReadOnlyList<ForecastRecord> records =
        [
            ForecastRecords.Realised(0, -1.8, [1.6, 2.3], [2.0, 2.7]),
            ForecastRecords.Realised(1, -2.5, [1.6, double.NaN], [2.0, double.NaN]),
            ForecastRecords.Realised(2, 0.4, [1.6, 2.3], [2.0, 2.7]),
            ForecastRecords.Missing(3, -3.0, levels: 2),
        ];

        var both = Backtester.Summarize(records, [0.95, 0.99]);
        Assert.Equal(2, both.Length);
        Assert.Equal(Backtester.Summarize(records, 0, 0.95), both[0]);
        Assert.Equal(Backtester.Summarize(records, 1, 0.99), both[1]);

        Assert.Equal((3, 1, 2), (both[0].Observations, both[0].MissingForecasts, both[0].Exceptions));
        Assert.Equal((2, 2, 0), (both[1].Observations, both[1].MissingForecasts, both[1].Exceptions));
        Assert.Equal(0.99, both[1].Alpha);
    }

    [Fact]
    public void No_observations_give_counts_and_nan_not_exceptions()
    {
        var empty = Backtester.Summarize([], 0, 0.99);
        Assert.Equal((0, 0, 0), (empty.Observations, empty.MissingForecasts, empty.Exceptions));
        Assert.True(double.IsNaN(empty.ExceptionRate) && double.IsNaN(empty.ViolationRatio));
        Assert.True(double.IsNaN(empty.Kupiec().PValue) && double.IsNaN(empty.Duration().PValue));
        Assert.True(double.IsNaN(empty.AverageVaR) && double.IsNaN(empty.EsStatistic()) && double.IsNaN(empty.QuantileLoss));
        Assert.Equal(new TrafficLight(TrafficLightZone.Green, 0, 0), empty.TrafficLight);

        var onlyMissing = Backtester.Summarize([ForecastRecords.Missing(0, 1.0), ForecastRecords.Pending(1, 2, 3)], 0, 0.99);
        Assert.Equal((0, 1), (onlyMissing.Observations, onlyMissing.MissingForecasts));
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Backtester.Summarize(HandBuilt, 1, 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backtester.Summarize(HandBuilt, -1, 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backtester.Summarize(HandBuilt, 0, 99.0));
    }

    [Fact]
    public void Summarises_a_rolling_run_consistently_with_the_records()
    {
        var options = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] };
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(1500, 4)), new HistoricalSimulation(), options);
        var summaries = Backtester.Summarize(run.Forecasts, options.Alphas);

        for (var k = 0; k < 2; k++)
        {
            var s = summaries[k];
            Assert.Equal(run.Forecasts.Count(f => f.IsRealized), s.Observations + s.MissingForecasts);
            Assert.Equal(run.Forecasts.Count(f => f.IsException(k)), s.Exceptions);
            Assert.Equal(Math.Min(250, s.Observations), s.TrafficLight.Days);
            Assert.Equal(run.Forecasts.Where(f => f.IsRealized).TakeLast(250).Count(f => f.IsException(k)), s.TrafficLight.Exceptions);
        }

        // Historical simulation at 95% on these returns: roughly the right number of exceptions.
        Assert.InRange(summaries[0].ViolationRatio, 0.6, 1.6);
    }

    [Fact]
    public void Same_records_give_bit_identical_summaries()
    {
        var options = new RollingOptions { Window = 100, Alphas = [0.975] };
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(800, 9)), new HistoricalSimulation(), options);
        var first = Backtester.Summarize(run.Forecasts, 0, 0.975);
        var second = Backtester.Summarize(run.Forecasts.ToList(), 0, 0.975);
        Assert.Equal(first, second);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.EsPValue()), BitConverter.DoubleToInt64Bits(second.EsPValue()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Duration().Statistic), BitConverter.DoubleToInt64Bits(second.Duration().Statistic));
    }

    [Fact]
    public void Status_of_the_fit_does_not_matter_only_the_numbers()
    {
        // A realised record whose fit hit a bound still carries a forecast: it is an observation.
        var atBound = ForecastRecords.Realised(0, -3.0, 2.0, 2.5) with { FitStatus = FitStatus.ConvergedAtBound };
        Assert.Equal(1, Backtester.Summarize([atBound], 0, 0.99).Observations);
    }
}
