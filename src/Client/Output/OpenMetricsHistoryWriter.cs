using System.Globalization;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Output;

/// <summary>
/// A benchmark's whole history as OpenMetrics text with event-time timestamps, for Prometheus's backfill
/// (<c>promtool tsdb create-blocks-from openmetrics</c>): every realised forecast stamped with the day it was for
/// (00:00 UTC), so a 20-year backtest spans 20 years in Grafana. The names mirror the live pair metrics
/// (<c>riskgrid_pair_var_percent</c> → <c>riskgrid_history_var_percent</c>) with the same labels (instrument, model,
/// level) plus the universe; a distinct prefix keeps them apart from the live series a Prometheus also scrapes.
/// The forecast still waiting for its day's price is not history yet (it is the live <c>riskgrid_pair_var_percent</c>);
/// days without a forecast (no usable fit) have no VaR/ES sample, as a gap.
/// </summary>
public static class OpenMetricsHistoryWriter
{
    public const string FileName = "history.om";

    /// <summary>The metric families, in file order: name and help.</summary>
    public static IReadOnlyList<(string Name, string Help)> Families { get; } =
    [
        ("riskgrid_history_var_percent", "One-day VaR forecast for the day of the sample (positive loss, % of position value)."),
        ("riskgrid_history_es_percent", "One-day ES forecast for the day of the sample (positive loss, % of position value)."),
        ("riskgrid_history_exception", "1 when the day's loss exceeded its VaR forecast, else 0."),
        ("riskgrid_history_traffic_light_exceptions", "Exceptions in the trailing 250 forecast days up to the sample's day (fewer days at the start)."),
        ("riskgrid_history_traffic_light_zone", "Basel traffic light of those trailing days: 0 green, 1 yellow, 2 red."),
        ("riskgrid_history_volatility_percent", "One-day volatility forecast (%) for the day of the sample, where the model gives one."),
        ("riskgrid_history_return_percent", "Realised daily return (%) of the instrument on the sample's day."),
    ];

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(BenchmarkReport report, string universe, string directory)
    {
        Directory.CreateDirectory(directory);
        return WriteFile(report, universe, Path.Combine(directory, FileName));
    }

    /// <summary>Writes the history to the file <paramref name="path"/> (replaced whole, never half-written); returns it.</summary>
    public static string WriteFile(BenchmarkReport report, string universe, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.Write(path, w => Write(report, universe, w));
        return path;
    }

    public static void Write(BenchmarkReport report, string universe, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        foreach (var (name, help) in Families)
        {
            w.Write("# TYPE ");
            w.Write(name);
            w.WriteLine(" gauge");
            w.Write("# HELP ");
            w.Write(name);
            w.Write(' ');
            w.WriteLine(help);
            switch (name)
            {
                case "riskgrid_history_volatility_percent":
                    foreach (var run in report.Runs)
                    {
                        var labels = Labels(universe, run.Instrument, run.Model, null);
                        foreach (var f in Realized(run).Where(f => !double.IsNaN(f.Volatility)))
                        {
                            Sample(w, name, labels, f.Volatility, f.TargetDate!.Value);
                        }
                    }

                    break;
                case "riskgrid_history_return_percent":
                    // One series per instrument: every day any of its pairs saw realised, once.
                    foreach (var instrument in report.Runs.GroupBy(r => r.Instrument, StringComparer.Ordinal))
                    {
                        var labels = Labels(universe, instrument.Key, null, null);
                        var days = instrument.SelectMany(Realized).DistinctBy(f => f.TargetDate!.Value).OrderBy(f => f.TargetDate!.Value);
                        foreach (var f in days)
                        {
                            Sample(w, name, labels, f.Realized, f.TargetDate!.Value);
                        }
                    }

                    break;
                default:
                    foreach (var run in report.Runs)
                    {
                        for (var k = 0; k < report.Alphas.Count; k++)
                        {
                            PairLevel(w, name, Labels(universe, run.Instrument, run.Model, report.Alphas[k]), run, k, report.Alphas[k]);
                        }
                    }

                    break;
            }
        }

        w.WriteLine("# EOF");
    }

    private static void PairLevel(TextWriter w, string name, string labels, PairRun run, int level, double alpha)
    {
        var observations = Realized(run).Where(f => f.HasForecast).ToList();
        var inWindow = 0;
        for (var j = 0; j < observations.Count; j++)
        {
            var f = observations[j];
            // The report's trailing count: the last 250 forecast days, fewer at the start.
            inWindow += f.IsException(level) ? 1 : 0;
            if (j >= TrafficLight.BaselDays && observations[j - TrafficLight.BaselDays].IsException(level))
            {
                inWindow--;
            }

            var value = name switch
            {
                "riskgrid_history_var_percent" => f.VaR[level],
                "riskgrid_history_es_percent" => f.ES[level],
                "riskgrid_history_exception" => f.IsException(level) ? 1 : 0,
                "riskgrid_history_traffic_light_exceptions" => inWindow,
                _ => (double)TrafficLight.ZoneOf(inWindow, Math.Min(j + 1, TrafficLight.BaselDays), alpha),
            };
            Sample(w, name, labels, value, f.TargetDate!.Value);
        }
    }

    private static IEnumerable<ForecastRecord> Realized(PairRun run) => run.Forecasts.Where(f => f.IsRealized);

    private static string Labels(string universe, string instrument, string? model, double? level)
    {
        var labels = $"universe=\"{Escape(universe)}\",instrument=\"{Escape(instrument)}\"";
        if (model is not null)
        {
            labels += $",model=\"{Escape(model)}\"";
        }

        if (level is { } alpha)
        {
            labels += $",level=\"{LevelLabel.Of(alpha)}\""; // as the live metrics write it, e.g. 0.99
        }

        return labels;
    }

    private static void Sample(TextWriter w, string name, string labels, double value, DateOnly day)
    {
        w.Write(name);
        w.Write('{');
        w.Write(labels);
        w.Write("} ");
        w.Write(value.ToString("R", CultureInfo.InvariantCulture));
        w.Write(' ');
        w.WriteLine(Timestamp(day).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The sample time of a day: its 00:00 UTC, in Unix seconds.</summary>
    public static long Timestamp(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    // OpenMetrics label values: backslash, double quote and line feed escaped.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
