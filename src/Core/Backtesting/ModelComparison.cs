using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Several models' forecasts of one instrument at one level, compared on the days all of them
/// forecast: ranked by average loss (<see cref="Loss"/>: the quantile loss of VaR, <see cref="QuantileLoss"/>,
/// or the FZ0 joint loss of VaR and ES, <see cref="JointLoss"/>), and every pair tested for equal
/// predictive accuracy with <see cref="DieboldMarianoTest"/> (HAC variance) on that loss.
/// </summary>
/// <param name="Alpha">Confidence level.</param>
/// <param name="Days">Common days: realised target dates on which every model had a forecast.</param>
/// <param name="Ranking">Best (lowest loss) first.</param>
/// <param name="Pairs">Every pair (i, j), i &lt; j, in input order.</param>
public sealed record ModelComparison(double Alpha, int Days, IReadOnlyList<ModelScore> Ranking,
    IReadOnlyList<PairwiseComparison> Pairs)
{
    /// <summary>The loss the models are ranked and tested by.</summary>
    public ComparisonLoss Loss { get; init; }

    /// <summary>The Model Confidence Set on the same losses and days, when asked for (<c>confidenceSet: true</c>); null otherwise.</summary>
    public ModelConfidenceSet? ConfidenceSet { get; init; }

    /// <summary>Compares models given by name and forecast history (e.g. one instrument's pairs).</summary>
    /// <param name="level">Index into VaR[] (like <see cref="RollingOptions.Alphas"/>).</param>
    /// <param name="lags">Newey–West lag; default <see cref="DieboldMarianoTest.DefaultLags"/> of the common days.</param>
    /// <param name="confidenceSet">Also compute the <see cref="ModelConfidenceSet"/> (seeded stationary bootstrap).</param>
    /// <param name="loss">The loss; with <see cref="ComparisonLoss.Fz0"/> a day a model gave no positive ES is not a common day.</param>
    public static ModelComparison Compare(IReadOnlyList<(string Model, IReadOnlyList<ForecastRecord> Forecasts)> models,
        int level, double alpha, int? lags = null, ComparisonLoss loss = ComparisonLoss.Quantile, bool confidenceSet = false)
    {
        ArgumentNullException.ThrowIfNull(models);
        BacktestArguments.CheckAlpha(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(level);

        // Days are matched by target date: the loss of a model on a day it did not forecast is unknown.
        var byDate = models.Select(m => LossesByDate(m.Model, m.Forecasts, level, alpha, loss)).ToArray();
        var common = byDate.Length == 0
            ? []
            : byDate.Skip(1).Aggregate((IEnumerable<DateOnly>)byDate[0].Keys, (days, next) => days.Where(next.ContainsKey))
                .Order().ToArray();

        var losses = byDate.Select(d => common.Select(day => d[day]).ToArray()).ToArray();
        var averages = losses.Select(l => l.Length > 0 ? l.Average() : double.NaN).ToArray();
        var ranking = Enumerable.Range(0, models.Count)
            .OrderBy(i => averages[i])
            .Select((i, position) => new ModelScore(models[i].Model, position + 1, averages[i]))
            .ToArray();

        var usedLags = lags ?? DieboldMarianoTest.DefaultLags(common.Length);
        var pairs = new List<PairwiseComparison>();
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = i + 1; j < models.Count; j++)
            {
                var difference = new double[common.Length];
                for (var t = 0; t < difference.Length; t++)
                {
                    difference[t] = losses[i][t] - losses[j][t];
                }

                pairs.Add(new PairwiseComparison(models[i].Model, models[j].Model,
                    difference.Length > 0 ? difference.Average() : double.NaN,
                    DieboldMarianoTest.Compute(difference, usedLags), usedLags));
            }
        }

        return new ModelComparison(alpha, common.Length, ranking, pairs)
        {
            Loss = loss,
            ConfidenceSet = confidenceSet ? ModelConfidenceSet.Compute([.. models.Select((m, i) => (m.Model, losses[i]))]) : null,
        };
    }

    /// <summary>Compares the runs of one instrument (throws when they are of different instruments).</summary>
    public static ModelComparison Compare(IReadOnlyList<PairRun> runs, int level, double alpha, int? lags = null,
        ComparisonLoss loss = ComparisonLoss.Quantile, bool confidenceSet = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Select(r => r.Instrument).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new ArgumentException("models can only be compared on one instrument's days", nameof(runs));
        }

        return Compare(runs.Select(r => (r.Model, r.Forecasts)).ToArray(), level, alpha, lags, loss, confidenceSet);
    }

    private static Dictionary<DateOnly, double> LossesByDate(string model, IReadOnlyList<ForecastRecord> forecasts,
        int level, double alpha, ComparisonLoss loss)
    {
        var losses = new Dictionary<DateOnly, double>();
        foreach (var record in forecasts)
        {
            if (level >= record.VaR.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(level), level,
                    $"model {model}'s forecast of {record.OriginDate:yyyy-MM-dd} has only {record.VaR.Length} levels");
            }

            if (record.TargetDate is not { } day || double.IsNaN(record.VaR[level]))
            {
                continue;
            }

            var value = loss == ComparisonLoss.Fz0
                ? JointLoss.Fz0(-record.Realized, record.VaR[level], level < record.ES.Length ? record.ES[level] : double.NaN, alpha)
                : QuantileLoss.Of(-record.Realized, record.VaR[level], alpha);
            if (double.IsNaN(value))
            {
                continue;
            }

            if (!losses.TryAdd(day, value))
            {
                throw new ArgumentException($"model {model} has two forecasts for {day:yyyy-MM-dd}", nameof(forecasts));
            }
        }

        return losses;
    }
}
