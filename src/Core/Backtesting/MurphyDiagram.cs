using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Murphy diagram data for VaR forecasts (Ehm, Gneiting, Jordan and Krüger 2016): the mean elementary quantile score
/// <c>S_θ(x, y) = (1{y &lt; x} − α)(1{θ &lt; x} − 1{θ &lt; y})</c> of VaR forecasts x of the loss y at level α, over a
/// grid of thresholds θ. Every consistent scoring function of the α-quantile is a mixture of these, so a model whose curve
/// lies below another's everywhere is preferred by all of them; the tick loss is the curve's integral over θ
/// (<c>∫ S_θ dθ = (1{y &lt; x} − α)(x − y)</c>).
/// </summary>
public static class MurphyDiagram
{
    /// <summary>Thresholds per curve in <see cref="Compute"/>.</summary>
    public const int DefaultPoints = 201;

    /// <summary>S_θ(x, y) for VaR x, loss y and level α.</summary>
    public static double ElementaryScore(double forecast, double loss, double alpha, double theta) =>
        ((loss < forecast ? 1 : 0) - alpha) * ((theta < forecast ? 1 : 0) - (theta < loss ? 1 : 0));

    /// <summary>The mean of <see cref="ElementaryScore"/> over the days at each threshold.</summary>
    public static double[] MeanScores(ReadOnlySpan<double> forecasts, ReadOnlySpan<double> losses, double alpha, ReadOnlySpan<double> thresholds)
    {
        BacktestArguments.CheckAlpha(alpha);
        BacktestArguments.CheckSameLength(forecasts.Length, losses.Length, nameof(losses));
        var result = new double[thresholds.Length];
        if (forecasts.Length == 0)
        {
            Array.Fill(result, double.NaN);
            return result;
        }

        for (var k = 0; k < thresholds.Length; k++)
        {
            var sum = 0.0;
            for (var t = 0; t < forecasts.Length; t++)
            {
                sum += ElementaryScore(forecasts[t], losses[t], alpha, thresholds[k]);
            }

            result[k] = sum / forecasts.Length;
        }

        return result;
    }

    /// <summary>
    /// The curves of every model of each instrument at each level, on the days all of the instrument's models forecast
    /// (as <see cref="ModelComparison"/>), over <paramref name="points"/> thresholds evenly spaced from the smallest to
    /// the largest of those days' forecasts and losses (the scores are 0 outside), so the curves of one instrument and
    /// level share their grid.
    /// </summary>
    public static IReadOnlyList<MurphyCurve> Compute(IReadOnlyList<PairRun> runs, IReadOnlyList<double> alphas, int points = DefaultPoints)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var curves = new List<MurphyCurve>();
        foreach (var instrument in runs.GroupBy(r => r.Instrument, StringComparer.Ordinal))
        {
            var pairs = instrument.ToList();
            for (var level = 0; level < alphas.Count; level++)
            {
                var byDate = pairs.Select(p => p.Forecasts
                    .Where(f => f.TargetDate is not null && level < f.VaR.Length && !double.IsNaN(f.VaR[level]) && !double.IsNaN(f.Realized))
                    .GroupBy(f => f.TargetDate!.Value).ToDictionary(g => g.Key, g => g.First())).ToList();
                var days = byDate.Skip(1).Aggregate((IEnumerable<DateOnly>)byDate[0].Keys, (d, next) => d.Where(next.ContainsKey)).Order().ToArray();
                if (days.Length == 0)
                {
                    continue;
                }

                var losses = days.Select(d => -byDate[0][d].Realized).ToArray();
                var forecasts = byDate.Select(m => days.Select(d => m[d].VaR[level]).ToArray()).ToList();
                var lo = Math.Min(losses.Min(), forecasts.Min(f => f.Min()));
                var hi = Math.Max(losses.Max(), forecasts.Max(f => f.Max()));
                var thresholds = Enumerable.Range(0, points).Select(i => lo + (hi - lo) * i / (points - 1)).ToArray();
                for (var m = 0; m < pairs.Count; m++)
                {
                    curves.Add(new MurphyCurve(instrument.Key, pairs[m].Model, alphas[level], days.Length, thresholds,
                        MeanScores(forecasts[m], losses, alphas[level], thresholds)));
                }
            }
        }

        return curves;
    }
}
