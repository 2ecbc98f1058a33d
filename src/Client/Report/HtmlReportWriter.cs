using System.Net;
using System.Text;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Report;

/// <summary>
/// Writes <c>report.html</c> with its charts (PNG, in <c>plots/</c>) from a <see cref="BenchmarkReport"/>:
/// the Key Results and model comparison tables, exceptions per model against the expected count, and
/// for the first <see cref="MaxInstrumentCharts"/> instruments the returns with each model's VaR and
/// exceptions, and the trailing 250-day exception count against the Basel zones (at the highest level).
/// </summary>
public static class HtmlReportWriter
{
    public const string ReportFile = "report.html";
    public const string PlotsFolder = "plots";
    public const int MaxInstrumentCharts = 4;

    private static readonly CellFormat Cells = CellFormat.Html;

    /// <summary>Writes the report into <paramref name="directory"/>; returns the report's path, then the charts'.</summary>
    /// <param name="description">Lines about the run (data, window, executor) shown under the title.</param>
    /// <param name="dataFiles">The run's other files (CSV), linked from the report.</param>
    public static IReadOnlyList<string> Write(BenchmarkReport report, string directory, IReadOnlyList<string> description,
        IReadOnlyList<string> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plots = Path.Combine(directory, PlotsFolder);
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var models = report.Runs.Select(r => r.Model).Distinct().ToList();
        var instruments = report.Runs.Select(r => r.Instrument).Distinct().ToList();
        var level = report.Alphas.Count - 1;
        var alpha = report.Alphas[level];

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>RiskGrid benchmark report</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
            .Append(".green{color:#1a7f37}.yellow{color:#9a6700}.red{color:#cf222e;font-weight:bold}.muted{color:#777}img{max-width:100%}</style>\n")
            .Append("</head><body>\n<h1>RiskGrid benchmark report</h1>\n");
        foreach (var line in description)
        {
            html.Append("<p class=\"muted\">").Append(E(line)).Append("</p>\n");
        }

        html.Append("<h2>Key Results</h2>\n");
        KeyResults(html, report.KeyResults);
        if (report.Ranking.Count > 0)
        {
            html.Append("<h2>Model comparison</h2>\n<p>Ranked by quantile (tick) loss, lower is better; Diebold–Mariano test at 5% against the best model per instrument.</p>\n");
            Ranking(html, report.Ranking);
        }

        html.Append("<h2>Exceptions per model</h2>\n");
        written.Add(Chart(html, plots, "exceptions-by-model.png", "Exceptions per model and level",
            path => ReportPlots.ExceptionCounts(report, models, path)));

        var shown = instruments.Take(MaxInstrumentCharts).ToList();
        html.Append("<h2>Instruments</h2>\n<p>")
            .Append(E(shown.Count < instruments.Count
                ? $"Charts for the first {shown.Count} of {instruments.Count} instruments ({string.Join(", ", shown)}), at the highest level {ReportPlots.Level(alpha)}; every pair's backtests are in the table below and in backtests.csv."
                : $"Charts for every instrument at the highest level {ReportPlots.Level(alpha)}."))
            .Append("</p>\n");
        for (var i = 0; i < shown.Count; i++)
        {
            var instrument = shown[i];
            var runs = report.Runs.Where(r => r.Instrument == instrument).ToList();
            html.Append("<h3>").Append(E(instrument)).Append("</h3>\n");
            written.Add(Chart(html, plots, $"var-{i + 1:00}-{Safe(instrument)}.png", $"{instrument}: returns, VaR and exceptions",
                path => ReportPlots.ReturnsWithVaR(instrument, runs, level, alpha, path)));
            written.Add(Chart(html, plots, $"traffic-light-{i + 1:00}-{Safe(instrument)}.png", $"{instrument}: rolling exceptions and Basel zones",
                path => ReportPlots.RollingExceptions(instrument, runs, level, alpha, path)));
        }

        html.Append("<h2>Pair backtests</h2>\n");
        Backtests(html, report.Backtests);
        if (dataFiles.Count > 0)
        {
            html.Append("<h2>Files</h2>\n<ul>\n");
            foreach (var file in dataFiles)
            {
                var name = Path.GetFileName(file);
                html.Append("<li><a href=\"").Append(E(Uri.EscapeDataString(name))).Append("\">").Append(E(name)).Append("</a></li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</body></html>\n");
        var reportPath = Path.Combine(directory, ReportFile);
        AtomicFile.Write(reportPath, writer => writer.Write(html));
        written.Insert(0, reportPath);
        return written;
    }

    private static string Chart(StringBuilder html, string folder, string name, string alt, Action<string> render)
    {
        var path = Path.Combine(folder, name);
        render(path);
        html.Append("<p><img src=\"").Append(PlotsFolder).Append('/').Append(E(Uri.EscapeDataString(name)))
            .Append("\" alt=\"").Append(E(alt)).Append("\"></p>\n");
        return path;
    }

    private static void KeyResults(StringBuilder html, IReadOnlyList<KeyResultsRow> rows)
    {
        var pooled = rows.Any(r => r.Instruments > 1);
        html.Append("<table><tr><th class=\"l\">Model</th><th>Level</th><th>Instruments</th><th>Obs</th><th>Missing</th><th>Exceptions</th>")
            .Append("<th>Exc. rate</th><th>Viol. ratio</th><th>").Append(pooled ? "Kupiec p (median)" : "Kupiec p")
            .Append("</th><th>Kupiec rejections</th><th>").Append(pooled ? "Christ. CC p (median)" : "Christ. CC p")
            .Append("</th><th>Avg ES</th><th>ES stat (Z2)</th><th>Tick loss</th><th class=\"l\">Traffic light (G/Y/R)</th></tr>\n");
        foreach (var r in rows)
        {
            html.Append("<tr><td class=\"l\">").Append(E(r.Model)).Append("</td><td>").Append(ReportPlots.Level(r.Alpha))
                .Append("</td><td>").Append(r.Instruments).Append("</td><td>").Append(r.Observations)
                .Append("</td><td>").Append(r.MissingForecasts).Append("</td><td>").Append(r.Exceptions)
                .Append("</td><td>").Append(Cells.Percent(r.ExceptionRate, 2)).Append("</td><td>").Append(Cells.Number(r.ViolationRatio, 2))
                .Append("</td><td>").Append(Cells.PValue(r.MedianPValue(KupiecBacktest.TestName))).Append("</td><td>").Append(r.Rejections(KupiecBacktest.TestName))
                .Append("</td><td>").Append(Cells.PValue(r.MedianPValue(ConditionalCoverageBacktest.TestName))).Append("</td><td>").Append(Cells.Number(r.AverageES, 3))
                .Append("</td><td>").Append(Cells.Number(r.MeanStatistic(EsZ2Backtest.TestName), 3)).Append("</td><td>").Append(Cells.Number(r.QuantileLoss, 4))
                .Append("</td><td class=\"l\">").Append(Cells.ZoneCounts(r.Green, r.Yellow, r.Red)).Append("</td></tr>\n");
        }

        html.Append("</table>\n<p class=\"muted\">")
            .Append(pooled ? "Counts pooled over instruments; p-values are medians over instruments. " : string.Empty)
            .Append("p &lt; 0.05 in red. VaR/ES in % of position value.</p>\n");
    }

    private static void Ranking(StringBuilder html, IReadOnlyList<ModelRankingRow> rows)
    {
        html.Append("<table><tr><th>Level</th><th class=\"l\">Model</th><th>Mean rank</th><th>Tick loss</th><th>Best on</th><th>Worse than best (DM 5%)</th></tr>\n");
        foreach (var r in rows)
        {
            html.Append("<tr><td>").Append(ReportPlots.Level(r.Alpha)).Append("</td><td class=\"l\">").Append(E(r.Model))
                .Append("</td><td>").Append(Cells.Number(r.MeanRank, 2)).Append("</td><td>").Append(Cells.Number(r.MeanQuantileLoss, 4))
                .Append("</td><td>").Append(r.Best).Append('/').Append(r.Instruments)
                .Append("</td><td>").Append(r.SignificantlyWorseThanBest).Append('/').Append(r.Instruments).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Backtests(StringBuilder html, IReadOnlyList<PairBacktest> rows)
    {
        html.Append("<table><tr><th class=\"l\">Instrument</th><th class=\"l\">Model</th><th>Level</th><th>Obs</th><th>Exceptions</th>")
            .Append("<th>Viol. ratio</th><th>Kupiec p</th><th>Christ. CC p</th><th>Avg VaR</th><th>Avg ES</th><th class=\"l\">Zone (last 250)</th></tr>\n");
        foreach (var b in rows)
        {
            var s = b.Summary;
            var zone = s.TrafficLight.Zone.ToString().ToLowerInvariant();
            html.Append("<tr><td class=\"l\">").Append(E(b.Instrument)).Append("</td><td class=\"l\">").Append(E(b.Model))
                .Append("</td><td>").Append(ReportPlots.Level(s.Alpha)).Append("</td><td>").Append(s.Observations)
                .Append("</td><td>").Append(s.Exceptions).Append("</td><td>").Append(Cells.Number(s.ViolationRatio, 2))
                .Append("</td><td>").Append(Cells.PValue(s.Find(KupiecBacktest.TestName)?.PValue)).Append("</td><td>").Append(Cells.PValue(s.Find(ConditionalCoverageBacktest.TestName)?.PValue))
                .Append("</td><td>").Append(Cells.Number(s.AverageVaR, 3)).Append("</td><td>").Append(Cells.Number(s.AverageES, 3))
                .Append("</td><td class=\"l ").Append(zone).Append("\">").Append(zone)
                .Append(" (").Append(s.TrafficLight.Exceptions).Append('/').Append(s.TrafficLight.Days).Append(")</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
