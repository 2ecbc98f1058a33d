using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Report;

/// <summary>
/// Writes <c>report.html</c>, one self-contained page (plotly.js and the run's data inlined, no request to any
/// other host): a header with the run's id, code version, data hash, parameters and timings; the Key Results and
/// model comparison tables; interactive charts of exceptions per model against the expected count and its binomial
/// band, of tick loss per model, and per instrument (a selector for instrument, model and level) the returns with
/// one model's VaR, ES and exceptions and the trailing 250-day exception count against the Basel zones.
/// With <c>--weights</c>, a "Portfolio routes" section: the portfolio's return with one route's VaR, ES and exceptions
/// (a selector for route and level), its traffic light, and the routes' backtests. Static PNGs
/// (for e-mail and CI) go to <c>plots/</c>, one model each; the page does not need them.
/// </summary>
public static partial class HtmlReportWriter
{
    public const string ReportFile = "report.html";
    public const string PlotsFolder = "plots";
    public const int MaxInstrumentCharts = 4;

    private static readonly CellFormat Cells = CellFormat.Html;

    /// <summary>Writes the PNGs and the page into <paramref name="directory"/>; returns the page's path, then the PNGs'.</summary>
    /// <param name="dataFiles">The run's other files (CSV), linked from the report.</param>
    public static IReadOnlyList<string> Write(BenchmarkReport report, string directory, ReportHeader header, IReadOnlyList<string> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plots = WritePlots(report, directory);
        return [WritePage(report, directory, header, dataFiles, plots), .. plots];
    }

    /// <summary>The static charts, one model each (the best-ranked at the highest level): exceptions per model, then per shown instrument its returns with that model's VaR, and its trailing exception count.</summary>
    public static IReadOnlyList<string> WritePlots(BenchmarkReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var folder = Path.Combine(directory, PlotsFolder);
        Directory.CreateDirectory(folder);
        var models = report.Runs.Select(r => r.Model).Distinct().ToList();
        var level = report.Alphas.Count - 1;
        var alpha = report.Alphas[level];
        var model = PlottedModel(report);
        var written = new List<string>();
        var exceptions = Path.Combine(folder, "exceptions-by-model.png");
        ReportPlots.ExceptionCounts(report, models, exceptions);
        written.Add(exceptions);
        var shown = report.Runs.Select(r => r.Instrument).Distinct().Take(MaxInstrumentCharts).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var run = report.Runs.FirstOrDefault(r => r.Instrument == shown[i] && r.Model == model);
            if (run is null)
            {
                continue;
            }

            var var = Path.Combine(folder, $"var-{i + 1:00}-{Safe(shown[i])}-{Safe(model)}.png");
            ReportPlots.ReturnsWithVaR(run, level, alpha, var);
            var traffic = Path.Combine(folder, $"traffic-light-{i + 1:00}-{Safe(shown[i])}-{Safe(model)}.png");
            ReportPlots.RollingExceptions(run, level, alpha, traffic);
            written.Add(var);
            written.Add(traffic);
        }

        return written;
    }

    /// <summary>The model the static per-instrument charts show: the ranking's first at the highest level
    /// (<see cref="ModelRanking.Order"/>), else the first run's.</summary>
    public static string PlottedModel(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var alpha = report.Alphas[^1];
        return report.Ranking.Where(r => r.Alpha == alpha).Order(ModelRanking.Order).Select(r => r.Model).FirstOrDefault()
               ?? report.Runs[0].Model;
    }

    /// <summary>Writes (or rewrites, e.g. once the run has its id) the page; returns its path.</summary>
    public static string WritePage(BenchmarkReport report, string directory, ReportHeader header, IReadOnlyList<string> dataFiles,
        IReadOnlyList<string> plots)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(header);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">")
            .Append("<title>RiskGrid benchmark report").Append(header.RunId is { } id ? $" (run {id})" : string.Empty).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1280px}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
            .Append(".green{color:#1a7f37}.yellow{color:#9a6700}.red{color:#cf222e;font-weight:bold}.muted{color:#777}")
            .Append("table.run td{text-align:left}.chart{width:100%;height:480px}.picker{margin:1em 0;padding:.5em;background:#f6f8fa}")
            .Append(".picker label{margin-right:1.5em}select{font-size:1em}</style>\n")
            .Append("</head><body>\n<h1>RiskGrid benchmark report</h1>\n");
        Header(html, header, report);

        html.Append("<h2>Key Results</h2>\n");
        KeyResults(html, report.KeyResults);
        if (report.Ranking.Count > 0)
        {
            html.Append("<h2>Model comparison</h2>\n<p>Ranked by quantile (tick) loss, lower is better; Diebold–Mariano test at 5% against the best model per instrument.</p>\n");
            Ranking(html, report.Ranking);
            html.Append("<div id=\"loss-chart\" class=\"chart\"></div>\n");
        }

        html.Append("<h2>Exceptions per model</h2>\n<p>Bars: exceptions pooled over instruments. Diamonds: the count a correct model expects, ")
            .Append("(1 − α) × observations, with the central 95% binomial band (independent days).</p>\n")
            .Append("<div id=\"exceptions-chart\" class=\"chart\"></div>\n");

        html.Append("<h2>Instruments</h2>\n<p>One model at a time: pick the instrument, model and level. Drag to zoom, double-click to reset; ")
            .Append("hover a day for its return, VaR and ES.</p>\n<div class=\"picker\">")
            .Append("<label>Instrument <select id=\"pick-instrument\"></select></label>")
            .Append("<label>Model <select id=\"pick-model\"></select></label>")
            .Append("<label>Level <select id=\"pick-level\"></select></label>")
            .Append("<span id=\"pair-summary\" class=\"muted\"></span></div>\n")
            .Append("<div id=\"returns-chart\" class=\"chart\"></div>\n<div id=\"traffic-chart\" class=\"chart\"></div>\n");

        if (report.Portfolio is { } portfolio)
        {
            html.Append("<h2>Portfolio routes</h2>\n<p>Portfolio ").Append(E(portfolio.Description))
                .Append(" (fractions of value, negative = short) on the days every member traded, by each route: historical simulation (hs), ")
                .Append("filtered historical simulation (fhs), variance–covariance (varcov) and DCC-GARCH (dcc); fhs, varcov and dcc are driven by ")
                .Append(E(portfolio.Model)).Append("'s forecasts of each member. Pick the route and level.</p>\n<div class=\"picker\">")
                .Append("<label>Route <select id=\"pick-route\"></select></label>")
                .Append("<label>Level <select id=\"pick-portfolio-level\"></select></label>")
                .Append("<span id=\"portfolio-summary\" class=\"muted\"></span></div>\n")
                .Append("<div id=\"portfolio-chart\" class=\"chart\"></div>\n<div id=\"portfolio-traffic-chart\" class=\"chart\"></div>\n")
                .Append("<h3>Route backtests</h3>\n");
            Backtests(html, portfolio.Routes.Backtests);
        }

        html.Append("<h2>Pair backtests</h2>\n");
        Backtests(html, report.Backtests);
        Files(html, directory, dataFiles, plots);

        html.Append("<script type=\"application/json\" id=\"riskgrid-data\">").Append(ReportData.Json(report)).Append("</script>\n")
            .Append("<script>").Append(ReportAssets.Plotly).Append("</script>\n")
            .Append("<script>").Append(ReportAssets.Script).Append("</script>\n")
            .Append("</body></html>\n");
        var reportPath = Path.Combine(directory, ReportFile);
        AtomicFile.Write(reportPath, writer => writer.Write(html));
        return reportPath;
    }

    private static void Header(StringBuilder html, ReportHeader header, BenchmarkReport report)
    {
        var i = CultureInfo.InvariantCulture;
        html.Append("<table class=\"run\">\n");
        Row(html, "run", header.RunId is { } id ? $"{id} (riskgrid runs show {id})" : "not recorded (--no-store)");
        Row(html, "code version", header.CodeVersion);
        Row(html, "data hash", "sha256:" + header.DataHash);
        Row(html, "started", header.Started.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", i));
        var fits = report.Runs.GroupBy(r => r.Model)
            .Select(g => $"{g.Key} {g.Sum(r => r.FitTime.TotalSeconds).ToString("F2", i)} s");
        Row(html, "timings", $"forecasts {header.Elapsed.TotalSeconds.ToString("F1", i)} s (wall); fit time per model (summed over pairs): " +
                             string.Join(", ", fits));
        foreach (var line in header.Description)
        {
            // "data     …" lines become a row named "data"; the title line ("RiskGrid benchmark on …") stays whole.
            var match = NamedLine().Match(line);
            if (match.Success)
            {
                Row(html, match.Groups[1].Value, match.Groups[2].Value);
            }
            else
            {
                Row(html, "executor", line);
            }
        }

        Row(html, "parameters", string.Join("  ", header.Parameters.Select(p => $"--{p.Name} {p.Value}")));
        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th class=\"l\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static void Files(StringBuilder html, string directory, IReadOnlyList<string> dataFiles, IReadOnlyList<string> plots)
    {
        if (dataFiles.Count + plots.Count == 0)
        {
            return;
        }

        html.Append("<h2>Files</h2>\n<p class=\"muted\">Beside this report (the page itself needs none of them).</p>\n<ul>\n");
        foreach (var file in dataFiles.Concat(plots))
        {
            var relative = Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/');
            var href = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
            html.Append("<li><a href=\"").Append(E(href)).Append("\">").Append(E(relative)).Append("</a></li>\n");
        }

        html.Append("</ul>\n");
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
        html.Append("<table><tr><th>Level</th><th class=\"l\">Model</th><th>Mean rank</th><th>Tick loss</th><th>Best on</th><th>Worse than best (DM 5%)</th><th>In MCS 10% / 25%</th><th>FZ0 rank</th><th>FZ0 loss</th><th>Worse than best by FZ0 (DM 5%)</th><th>In FZ0 MCS 10% / 25%</th></tr>\n");
        foreach (var r in rows)
        {
            html.Append("<tr><td>").Append(ReportPlots.Level(r.Alpha)).Append("</td><td class=\"l\">").Append(E(r.Model))
                .Append("</td><td>").Append(Cells.Number(r.MeanRank, 2)).Append("</td><td>").Append(Cells.Number(r.MeanQuantileLoss, 4))
                .Append("</td><td>").Append(r.Best).Append('/').Append(r.Instruments)
                .Append("</td><td>").Append(r.SignificantlyWorseThanBest).Append('/').Append(r.Instruments)
                .Append("</td><td>").Append(r.InConfidenceSet10).Append(" / ").Append(r.InConfidenceSet25).Append(" of ").Append(r.Instruments)
                .Append("</td><td>").Append(Cells.Number(r.MeanFz0Rank, 2)).Append("</td><td>").Append(Cells.Number(r.MeanFz0Loss, 4))
                .Append("</td><td>").Append(r.Fz0SignificantlyWorseThanBest).Append('/').Append(r.Fz0Instruments)
                .Append("</td><td>").Append(r.Fz0InConfidenceSet10).Append(" / ").Append(r.Fz0InConfidenceSet25).Append(" of ").Append(r.Fz0Instruments)
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n<p class=\"muted\">MCS: instruments on which the model is in the Model Confidence Set (Hansen–Lunde–Nason, ")
            .Append("range statistic, seeded stationary bootstrap) at sizes 10% and 25%. Ranked by FZ0 MCS membership (10%, then 25%), ")
            .Append("then mean FZ0 rank (by tick loss where FZ0 is n/a).</p>\n");
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

    [GeneratedRegex(@"^(\w+)\s{2,}(.+)$")]
    private static partial Regex NamedLine();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
