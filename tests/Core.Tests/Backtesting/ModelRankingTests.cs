using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class ModelRankingTests
{
    [Fact]
    public void Pooled_ranking_averages_the_per_instrument_comparisons()
    {
        var options = new RollingOptions { Window = 100, Alphas = [0.95] };
        var universe = Enumerable.Range(0, 3).Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(400, 20 + i))).ToArray();
        var runs = RollingEngine.Run(universe, ["hs", "normal", "ewma"], options);

        var rows = ModelRanking.Rank(runs, options.Alphas);

        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var perInstrument = universe.Select(s =>
                ModelComparison.Compare(runs.Where(r => r.Instrument == s.Instrument).ToList(), 0, 0.95)).ToList();
            var ranks = perInstrument.Select(c => c.Ranking.Single(x => x.Model == row.Model)).ToList();
            Assert.Equal(3, row.Instruments);
            Assert.Equal(ranks.Average(x => x.Rank), row.MeanRank, 12);
            Assert.Equal(ranks.Average(x => x.AverageLoss), row.MeanQuantileLoss, 12);
            Assert.Equal(ranks.Count(x => x.Rank == 1), row.Best);
        }

        Assert.Equal(3, rows.Sum(r => r.Best));

        // Listed by FZ0 MCS membership at 10%, then 25%, then mean FZ0 rank.
        var keys = rows.Select(r => (-r.Fz0InConfidenceSet10, -r.Fz0InConfidenceSet25, r.MeanFz0Rank)).ToList();
        Assert.Equal(keys.Order().ToList(), keys);
    }

    [Fact]
    public void The_order_is_mcs_membership_then_fz0_then_tick_loss()
    {
        static ModelRankingRow Row(string model, int in10, int in25, double fz0Rank, double tickRank, int fz0Instruments = 4) =>
            new(model, 0.975, 4, tickRank, 1.0, 0, 0, fz0Instruments > 0 ? fz0Rank : double.NaN, fz0Instruments > 0 ? 2.0 : double.NaN, fz0Instruments)
            {
                Fz0InConfidenceSet10 = in10, Fz0InConfidenceSet25 = in25, InConfidenceSet10 = 4 - in10, InConfidenceSet25 = 4,
            };

        ModelRankingRow[] rows =
        [
            Row("no-fz0", 0, 0, double.NaN, 1.0, fz0Instruments: 0),
            Row("out", 1, 4, 1.2, 1.5),
            Row("in-worse-fz0", 4, 4, 2.5, 3.0),
            Row("in-better-fz0", 4, 4, 1.5, 4.0),
            Row("in10-3", 3, 4, 1.0, 1.0),
            Row("tie-tick-2", 2, 2, 2.0, 2.0),
            Row("tie-tick-1", 2, 2, 2.0, 1.0),
        ];
        Assert.Equal(["in-better-fz0", "in-worse-fz0", "in10-3", "tie-tick-1", "tie-tick-2", "out", "no-fz0"],
            rows.Order(ModelRanking.Order).Select(r => r.Model));
    }

    [Fact]
    public void The_fz0_standing_averages_each_instruments_joint_loss_computed_day_by_day()
    {
        var options = new RollingOptions { Window = 100, Alphas = [0.975] };
        var universe = Enumerable.Range(0, 2).Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(350, 40 + i))).ToArray();
        var runs = RollingEngine.Run(universe, ["hs", "normal"], options);

        var rows = ModelRanking.Rank(runs, options.Alphas);

        foreach (var row in rows)
        {
            // Independently of ModelComparison: FZ0 by JointLoss on the days both models forecast a positive ES.
            var averages = universe.Select(s =>
            {
                var pairs = runs.Where(r => r.Instrument == s.Instrument).ToList();
                var days = pairs.Select(p => p.Forecasts.Where(f => f.TargetDate is not null && !double.IsNaN(f.VaR[0]) && f.ES[0] > 0)
                        .Select(f => f.TargetDate!.Value).ToHashSet())
                    .Aggregate((a, b) => [.. a.Intersect(b)]);
                var mine = pairs.Single(p => p.Model == row.Model).Forecasts.Where(f => f.TargetDate is { } d && days.Contains(d));
                return mine.Average(f => JointLoss.Fz0(-f.Realized, f.VaR[0], f.ES[0], 0.975));
            }).ToList();

            Assert.Equal(2, row.Fz0Instruments);
            Assert.Equal(averages.Average(), row.MeanFz0Loss, 10);
            Assert.InRange(row.MeanFz0Rank, 1.0, 2.0);
        }

        Assert.Equal(3.0, rows.Sum(r => r.MeanFz0Rank), 12); // ranks 1 and 2 on each instrument, averaged
    }

    [Fact]
    public void Mcs_counts_are_each_instruments_confidence_set_of_the_day_by_day_losses()
    {
        var options = new RollingOptions { Window = 100, Alphas = [0.975] };
        var universe = Enumerable.Range(0, 3).Select(i => Series.FromReturns($"I{i}", Series.NoisyReturns(330, 60 + i))).ToArray();
        string[] models = ["hs", "normal", "ewma"];
        var runs = RollingEngine.Run(universe, models, options);

        var rows = ModelRanking.Rank(runs, options.Alphas);

        // Independently of ModelComparison: each instrument's losses on the days every model forecast (a positive ES for
        // FZ0), the MCS of those, and its members at 10% and 25% counted per model.
        var sets = new List<(ModelConfidenceSet Tick, ModelConfidenceSet Fz0)>();
        foreach (var s in universe)
        {
            var pairs = models.Select(m => runs.Single(r => r.Instrument == s.Instrument && r.Model == m)).ToList();
            ModelConfidenceSet Set(Func<ForecastRecord, bool> usable, Func<ForecastRecord, double> loss)
            {
                var days = pairs.Select(p => p.Forecasts.Where(f => f.TargetDate is not null && usable(f)).Select(f => f.TargetDate!.Value).ToHashSet())
                    .Aggregate((a, b) => [.. a.Intersect(b)]);
                return ModelConfidenceSet.Compute([.. pairs.Select(p => (p.Model,
                    p.Forecasts.Where(f => f.TargetDate is { } d && days.Contains(d)).OrderBy(f => f.TargetDate).Select(loss).ToArray()))]);
            }

            sets.Add((Set(f => !double.IsNaN(f.VaR[0]), f => QuantileLoss.Of(-f.Realized, f.VaR[0], 0.975)),
                Set(f => !double.IsNaN(f.VaR[0]) && f.ES[0] > 0, f => JointLoss.Fz0(-f.Realized, f.VaR[0], f.ES[0], 0.975))));
        }

        foreach (var row in rows)
        {
            Assert.Equal(sets.Count(x => x.Tick.Includes(row.Model, 0.10)), row.InConfidenceSet10);
            Assert.Equal(sets.Count(x => x.Tick.Includes(row.Model, 0.25)), row.InConfidenceSet25);
            Assert.Equal(sets.Count(x => x.Fz0.Includes(row.Model, 0.10)), row.Fz0InConfidenceSet10);
            Assert.Equal(sets.Count(x => x.Fz0.Includes(row.Model, 0.25)), row.Fz0InConfidenceSet25);
            Assert.True(row.InConfidenceSet25 <= row.InConfidenceSet10 && row.Fz0InConfidenceSet25 <= row.Fz0InConfidenceSet10);
        }

        // Every instrument's MCS holds at least its best model; the FZ0 bests add up to the instruments.
        Assert.True(rows.Sum(r => r.InConfidenceSet25) >= universe.Length && rows.Sum(r => r.Fz0InConfidenceSet25) >= universe.Length);
        Assert.Equal(universe.Length, rows.Sum(r => r.Fz0Best));
    }
}
