using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Turns a pair's forecast history into <see cref="BacktestSummary"/>s: every test of one level on
/// the same observations.
/// </summary>
/// <remarks>
/// Per level index k: a record is an <i>observation</i> when it is realised and VaR[k] is a number;
/// a realised record with VaR[k] = NaN (no usable fit) is a <i>missing forecast</i>, counted and
/// left out of every test (the hit sequence runs over observations only, so a missing day does not
/// break a run of exceptions); an unrealised record (the pending last one) is ignored. Single
/// threaded; the only randomness is fixed-seed (the ES backtest's resampling, the Monte Carlo p-values),
/// so the same records give bit-identical summaries.
/// </remarks>
public static class Backtester
{
    /// <summary>Backtests level index <paramref name="level"/> (into VaR[] and ES[]) at confidence <paramref name="alpha"/>.</summary>
    public static BacktestSummary Summarize(IReadOnlyList<ForecastRecord> forecasts, int level, double alpha, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        BacktestArguments.CheckAlpha(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(level);

        var losses = new List<double>(forecasts.Count);
        var valueAtRisk = new List<double>(forecasts.Count);
        var expectedShortfall = new List<double>(forecasts.Count);
        var pits = new List<double>(forecasts.Count);
        var volatility = new List<double>(forecasts.Count);
        var laws = new List<PredictiveLaw>(forecasts.Count);
        var lawless = 0;
        var missing = 0;
        var gap = false;
        for (var i = 0; i < forecasts.Count; i++)
        {
            var record = forecasts[i];
            if (level >= record.VaR.Length || level >= record.ES.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(level), level,
                    $"forecast {i} (origin {record.OriginDate:yyyy-MM-dd}) has only {Math.Min(record.VaR.Length, record.ES.Length)} levels");
            }

            if (!record.IsRealized)
            {
                continue;
            }

            if (double.IsNaN(record.VaR[level]))
            {
                missing++;
                gap = true;
                continue;
            }

            losses.Add(-record.Realized);
            valueAtRisk.Add(record.VaR[level]);
            expectedShortfall.Add(record.ES[level]);
            pits.Add(record.Pit);
            volatility.Add(record.Volatility);
            if (record.Law is { } law)
            {
                // The day after a missing forecast has no day before it in the series: its forecast map starts afresh.
                laws.Add(gap && law.HasProcess ? law with { Process = null, ProcessParameters = [] } : law);
            }
            else
            {
                lawless++;
            }

            gap = false;
        }

        // The laws go to the tests only when every observation has one: the Monte Carlo draws a whole sample.
        return Summarize(losses.ToArray(), valueAtRisk.ToArray(), expectedShortfall.ToArray(), missing, alpha, options, pits.ToArray(),
            volatility.ToArray(), lawless == 0 && laws.Count > 0 ? new PredictiveLawSeries(laws, 1 - alpha) : null);
    }

    /// <summary>One summary per level, indexed like <paramref name="alphas"/> (i.e. like <see cref="RollingOptions.Alphas"/>).</summary>
    public static BacktestSummary[] Summarize(IReadOnlyList<ForecastRecord> forecasts, IReadOnlyList<double> alphas, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        var summaries = new BacktestSummary[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            summaries[k] = Summarize(forecasts, k, alphas[k], options);
        }

        return summaries;
    }

    /// <summary>Every catalogued backtest (<see cref="BacktestCatalog"/>) on aligned observation arrays (loss L = −r, VaR and ES as positive losses).</summary>
    /// <param name="missingForecasts">Reported as is; the days themselves are not in the arrays.</param>
    /// <param name="volatility">The forecast volatilities, aligned with the losses; empty where the forecasts have none.</param>
    /// <param name="pits">The realised returns' PITs, aligned with the losses; empty (or NaN) where the forecasts have none.</param>
    /// <param name="laws">The forecasts' predictive laws, or null.</param>
    public static BacktestSummary Summarize(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk,
        ReadOnlySpan<double> expectedShortfall, int missingForecasts, double alpha, BacktestOptions? options = null,
        ReadOnlySpan<double> pits = default, ReadOnlySpan<double> volatility = default, ForecastLaws? laws = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(missingForecasts);

        var data = new BacktestData(losses, valueAtRisk, expectedShortfall, alpha, options, pits, volatility, laws: laws);
        var n = data.Count;
        double sumVaR = 0, sumES = 0;
        for (var t = 0; t < n; t++)
        {
            sumVaR += valueAtRisk[t];
            sumES += expectedShortfall[t];
        }

        var rate = n > 0 ? (double)data.Exceptions / n : double.NaN;
        return new BacktestSummary(
            Alpha: alpha,
            Observations: n,
            MissingForecasts: missingForecasts,
            Exceptions: data.Exceptions,
            ExceptionRate: rate,
            ViolationRatio: rate / data.ExpectedRate,
            AverageVaR: n > 0 ? sumVaR / n : double.NaN,
            AverageES: n > 0 ? sumES / n : double.NaN,
            QuantileLoss: n > 0 ? QuantileLoss.Average(losses, valueAtRisk, alpha) : double.NaN,
            TrafficLight: TrafficLight.Of(data.Hits, alpha),
            Tests: BacktestCatalog.Run(data));
    }
}
