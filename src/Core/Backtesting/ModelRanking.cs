using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Ranks models per level by quantile loss: <see cref="ModelComparison"/> on each instrument
/// (on the days every model forecast), then pooled over instruments. Beside the ranks, each model's
/// Diebold–Mariano verdict against the instrument's best and its Model Confidence Set membership
/// (seeded, so the same on every run) are counted, by tick loss and by FZ0.
/// </summary>
public static class ModelRanking
{
    public static IReadOnlyList<ModelRankingRow> Rank(IReadOnlyList<PairRun> runs, IReadOnlyList<double> alphas)
    {
        var rows = new List<ModelRankingRow>();
        var instruments = runs.GroupBy(r => r.Instrument).Where(g => g.Count() > 1).ToList();
        for (var level = 0; level < alphas.Count; level++)
        {
            var tick = new Dictionary<string, Standing>();
            var fz0 = new Dictionary<string, Standing>();
            foreach (var instrument in instruments)
            {
                Add(tick, ModelComparison.Compare(instrument.ToList(), level, alphas[level], confidenceSet: true));
                Add(fz0, ModelComparison.Compare(instrument.ToList(), level, alphas[level], loss: ComparisonLoss.Fz0, confidenceSet: true));
            }

            rows.AddRange(tick
                .Select(kv =>
                {
                    var (t, f) = (kv.Value, fz0.GetValueOrDefault(kv.Key));
                    return new ModelRankingRow(kv.Key, alphas[level], t.N, t.RankSum / t.N, t.LossSum / t.N, t.Best, t.Worse,
                        f.N > 0 ? f.RankSum / f.N : double.NaN, f.N > 0 ? f.LossSum / f.N : double.NaN, f.N, f.Worse)
                    {
                        InConfidenceSet10 = t.In10,
                        InConfidenceSet25 = t.In25,
                        Fz0Best = f.Best,
                        Fz0InConfidenceSet10 = f.In10,
                        Fz0InConfidenceSet25 = f.In25,
                    };
                })
                .OrderBy(r => r.MeanRank).ThenBy(r => r.MeanQuantileLoss));
        }

        return rows;
    }

    /// <summary>Adds one instrument's comparison to the models' running standings (nothing when the models share no day).</summary>
    private static void Add(Dictionary<string, Standing> standings, ModelComparison comparison)
    {
        if (comparison.Days == 0)
        {
            return;
        }

        var best = comparison.Ranking[0].Model;
        foreach (var score in comparison.Ranking)
        {
            var worse = score.Model != best && comparison.Pairs.Any(p =>
                (p.First == best && p.Second == score.Model || p.Second == best && p.First == score.Model)
                && p.DieboldMariano.Rejects(0.05));
            var acc = standings.GetValueOrDefault(score.Model);
            var set = comparison.ConfidenceSet;
            standings[score.Model] = new Standing(acc.RankSum + score.Rank, acc.LossSum + score.AverageLoss, acc.N + 1,
                acc.Best + (score.Rank == 1 ? 1 : 0), acc.Worse + (worse ? 1 : 0),
                acc.In10 + (set?.Includes(score.Model, 0.10) == true ? 1 : 0), acc.In25 + (set?.Includes(score.Model, 0.25) == true ? 1 : 0));
        }
    }

    private readonly record struct Standing(double RankSum, double LossSum, int N, int Best, int Worse, int In10, int In25);
}
