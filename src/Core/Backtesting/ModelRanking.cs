using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Ranks models per level by quantile loss: <see cref="ModelComparison"/> on each instrument
/// (on the days every model forecast), then pooled over instruments.
/// </summary>
public static class ModelRanking
{
    public static IReadOnlyList<ModelRankingRow> Rank(IReadOnlyList<PairRun> runs, IReadOnlyList<double> alphas)
    {
        var rows = new List<ModelRankingRow>();
        var instruments = runs.GroupBy(r => r.Instrument).Where(g => g.Count() > 1).ToList();
        for (var level = 0; level < alphas.Count; level++)
        {
            var perModel = new Dictionary<string, (double RankSum, double LossSum, int N, int Best, int Worse)>();
            foreach (var instrument in instruments)
            {
                var comparison = ModelComparison.Compare(instrument.ToList(), level, alphas[level]);
                if (comparison.Days == 0)
                {
                    continue;
                }

                var best = comparison.Ranking[0].Model;
                foreach (var score in comparison.Ranking)
                {
                    var worse = score.Model != best && comparison.Pairs.Any(p =>
                        (p.First == best && p.Second == score.Model || p.Second == best && p.First == score.Model)
                        && p.DieboldMariano.Rejects(0.05));
                    perModel.TryGetValue(score.Model, out var acc);
                    perModel[score.Model] = (acc.RankSum + score.Rank, acc.LossSum + score.AverageLoss, acc.N + 1,
                        acc.Best + (score.Rank == 1 ? 1 : 0), acc.Worse + (worse ? 1 : 0));
                }
            }

            rows.AddRange(perModel
                .Select(kv => new ModelRankingRow(kv.Key, alphas[level], kv.Value.N, kv.Value.RankSum / kv.Value.N,
                    kv.Value.LossSum / kv.Value.N, kv.Value.Best, kv.Value.Worse))
                .OrderBy(r => r.MeanRank).ThenBy(r => r.MeanQuantileLoss));
        }

        return rows;
    }
}
