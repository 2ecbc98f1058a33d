using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Ranks models per level: <see cref="ModelComparison"/> on each instrument (on the days every model forecast), by tick
/// loss and by the FZ0 joint VaR–ES loss, pooled over instruments, with each model's Diebold–Mariano verdict against the
/// instrument's best and its Model Confidence Set membership (seeded, so the same on every run) counted. The rows of a
/// level are ordered by <see cref="Order"/>: MCS membership first, then FZ0.
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
                .OrderBy(r => r, Order));
        }

        return rows;
    }

    /// <summary>
    /// The ranking's order within a level: the share of instruments on which the model is in the FZ0 Model Confidence Set
    /// at size 10% (more first; the set holds the best models with 90% confidence, so membership is the statistically
    /// grounded verdict), then at 25%, then the mean FZ0 rank and FZ0 loss (lower first); a model without FZ0 standings (no
    /// positive ES on any shared day) after those with, by the same keys on tick loss; the mean tick-loss rank breaks ties.
    /// </summary>
    public static IComparer<ModelRankingRow> Order { get; } = Comparer<ModelRankingRow>.Create(Compare);

    private static int Compare(ModelRankingRow? a, ModelRankingRow? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var (fa, fb) = (a.Fz0Instruments > 0, b.Fz0Instruments > 0);
        if (fa != fb)
        {
            return fa ? -1 : 1;
        }

        static double Share(int members, int instruments) => instruments > 0 ? (double)members / instruments : 0;
        var keys = fa
            ? new[]
            {
                Share(b.Fz0InConfidenceSet10, b.Fz0Instruments).CompareTo(Share(a.Fz0InConfidenceSet10, a.Fz0Instruments)),
                Share(b.Fz0InConfidenceSet25, b.Fz0Instruments).CompareTo(Share(a.Fz0InConfidenceSet25, a.Fz0Instruments)),
                a.MeanFz0Rank.CompareTo(b.MeanFz0Rank),
                a.MeanFz0Loss.CompareTo(b.MeanFz0Loss),
            }
            : new[]
            {
                Share(b.InConfidenceSet10, b.Instruments).CompareTo(Share(a.InConfidenceSet10, a.Instruments)),
                Share(b.InConfidenceSet25, b.Instruments).CompareTo(Share(a.InConfidenceSet25, a.Instruments)),
            };
        foreach (var key in keys)
        {
            if (key != 0)
            {
                return key;
            }
        }

        var byTick = a.MeanRank.CompareTo(b.MeanRank);
        return byTick != 0 ? byTick : a.MeanQuantileLoss.CompareTo(b.MeanQuantileLoss);
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
