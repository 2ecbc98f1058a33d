using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The incremental accumulator against its batch twin, <see cref="Backtester"/>: after every day, bit for bit.</summary>
public sealed class BacktestAccumulatorTests
{
    private static readonly double[] Alphas = [0.95, 0.99];

    [Theory]
    [InlineData("hs")]
    [InlineData("ewma")]
    public void After_every_day_the_figures_equal_the_batch_backtester_on_a_rolling_run(string model)
    {
        var series = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 1, Days = 700 })[0];
        var forecasts = RollingEngine.Run([series], [model], new RollingOptions { Window = 100, Alphas = Alphas })[0].Forecasts;
        AssertParity(forecasts, step: 37);
    }

    [Fact]
    public void Missing_forecasts_are_counted_and_do_not_break_the_hit_sequence()
    {
        var random = new Random(7);
        var forecasts = new List<ForecastRecord>();
        for (var day = 0; day < 600; day++)
        {
            // Clusters of exceptions, a stretch without forecasts, and the pending last record.
            var loss = random.NextDouble() * 3 * (day % 97 < 5 ? 2 : 1);
            forecasts.Add(day is > 300 and < 320
                ? ForecastRecords.Missing(day, -loss, levels: 2)
                : ForecastRecords.Realised(day, -loss, [2.4, 2.9], [3.0, 3.5]));
        }

        forecasts.Add(ForecastRecords.Pending(600, 2.4, 3.0) with { VaR = [2.4, 2.9], ES = [3.0, 3.5] });
        AssertParity(forecasts, step: 1);
        var accumulator = BacktestAccumulator.Of(forecasts, Alphas)[0];
        Assert.Equal(19, accumulator.MissingForecasts);
        Assert.Equal(581, accumulator.Observations);
    }

    [Fact]
    public void Spells_are_the_days_between_exceptions()
    {
        var accumulator = new BacktestAccumulator(0.99);
        foreach (var hit in HitSequences.Parse("0010 0100 0001 00"))
        {
            accumulator.Add(hit ? 2 : 0, 1, 1.5);
        }

        Assert.Equal(2, accumulator.CompletedSpells);
        Assert.Equal(6, accumulator.LongestSpell); // day 6 → day 11
        Assert.Equal(2, accumulator.CurrentSpell);
        Assert.Equal(3, accumulator.Exceptions);
    }

    // Each prefix's figures against the batch summary of that prefix (Monte Carlo off: it does not touch the figures).
    private static void AssertParity(IReadOnlyList<ForecastRecord> forecasts, int step)
    {
        var accumulators = Alphas.Select(a => new BacktestAccumulator(a)).ToArray();
        for (var n = 0; n < forecasts.Count; n++)
        {
            for (var k = 0; k < Alphas.Length; k++)
            {
                accumulators[k].Add(forecasts[n], k);
            }

            if (n % step != 0 && n != forecasts.Count - 1)
            {
                continue;
            }

            var prefix = forecasts.Take(n + 1).ToList();
            for (var k = 0; k < Alphas.Length; k++)
            {
                var batch = Backtester.Summarize(prefix, k, Alphas[k], new BacktestOptions { MonteCarlo = false });
                var figures = accumulators[k].Figures();
                Assert.Equal(Bits(batch.Observations, batch.MissingForecasts, batch.Exceptions, batch.ExceptionRate, batch.ViolationRatio,
                        batch.AverageVaR, batch.AverageES, batch.QuantileLoss),
                    Bits(figures.Observations, figures.MissingForecasts, figures.Exceptions, figures.ExceptionRate, figures.ViolationRatio,
                        figures.AverageVaR, figures.AverageES, figures.QuantileLoss));
                Assert.Equal(batch.TrafficLight, figures.TrafficLight);

                var hits = Hits(prefix, k);
                Assert.Equal(TransitionCounts.Of(hits), figures.Transitions);
                var kupiec = KupiecTest.Compute(hits, 1 - Alphas[k]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(kupiec.Statistic), BitConverter.DoubleToInt64Bits(figures.Kupiec.Statistic));
                Assert.Equal(batch.Test("kupiec").Statistic, figures.Kupiec.Statistic);
            }
        }
    }

    private static bool[] Hits(IReadOnlyList<ForecastRecord> forecasts, int level) =>
        [.. forecasts.Where(f => f.IsRealized && !double.IsNaN(f.VaR[level])).Select(f => -f.Realized > f.VaR[level])];

    private static long[] Bits(int observations, int missing, int exceptions, params double[] values) =>
        [observations, missing, exceptions, .. values.Select(BitConverter.DoubleToInt64Bits)];
}
