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
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.MeanRank <= p.Second.MeanRank));
    }
}
