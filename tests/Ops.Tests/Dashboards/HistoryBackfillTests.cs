using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Ops.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Ops.Tests.Dashboards;

/// <summary>
/// The historical view for real: a five-year benchmark's <c>--openmetrics</c> history, backfilled by Debian's promtool,
/// served by a real Prometheus, read back over its own dates with the HTTP API, and the Backtest History dashboard's
/// queries run against it.
/// </summary>
public sealed class HistoryBackfillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TempFolder _dir = new("riskgrid-history-");

    public void Dispose() => _dir.Dispose();

    [ToolFact("prometheus")] // Debian's prometheus package brings promtool
    public async Task A_five_year_backtest_backfilled_reads_back_on_its_own_dates_with_the_forecasts_values()
    {
        var clock = Stopwatch.StartNew();
        var outDir = _dir.File("out");
        // 1,300 business days from 2019-01-02: forecasts for 2019-05-27 … 2023-12-26, across two 39366-hour blocks.
        var error = new StringWriter();
        var code = await RiskGridCli.RunAsync(["benchmark", "--engine", "core", "--models", "hs,ewma", "--window", "100",
            "--instruments", "2", "--days", "1300", "--universe", "hist", "--out", outDir, "--no-store", "--openmetrics"], error);
        Assert.True(code == ExitCodes.Ok, $"benchmark exit {code}: {error}");
        var history = Path.Combine(outDir, OpenMetricsHistoryWriter.FileName);
        Assert.Equal("# EOF", File.ReadLines(history).Last());
        output.WriteLine($"benchmark and export: {clock.Elapsed.TotalSeconds:F1} s, {new FileInfo(history).Length / 1024} KiB");

        var tsdb = _dir.File("tsdb");
        var (promtoolCode, promtoolOut, promtoolErr) = await Tools.RunAsync(ToolFactAttribute.Require("promtool"),
            ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=39366h", history, tsdb]);
        Assert.True(promtoolCode == 0, $"promtool failed:\n{promtoolOut}\n{promtoolErr}");
        var blocks = Directory.GetDirectories(tsdb).Length;
        Assert.InRange(blocks, 2, 3); // a few years per block, not one per day
        output.WriteLine($"promtool: {blocks} blocks, {clock.Elapsed.TotalSeconds:F1} s");

        await using var prometheus = await PrometheusServer.StartAsync([], storage: tsdb);
        var forecasts = ReadForecasts(Path.Combine(outDir, CsvResultsWriter.ForecastsFile));
        var first = forecasts.Min(f => f.Target);
        var last = forecasts.Max(f => f.Target);
        Assert.True(last.Year - first.Year >= 4, $"{first} to {last}");
        var start = Midnight(first);
        var end = Midnight(last);

        // Every pair and level: one point per realised forecast day, at that day, with the forecast's exact VaR and ES.
        foreach (var pair in forecasts.GroupBy(f => (f.Instrument, f.Model, f.Alpha)))
        {
            var labels = $"universe=\"hist\", instrument=\"{pair.Key.Instrument}\", model=\"{pair.Key.Model}\", level=\"{pair.Key.Alpha}\"";
            foreach (var (metric, value) in new (string, Func<Forecast, double>)[] { ("riskgrid_history_var_percent", f => f.VaR), ("riskgrid_history_es_percent", f => f.ES) })
            {
                var series = Assert.Single((await prometheus.QueryRangeAsync($"{metric}{{{labels}}}", start, end, Day)).EnumerateArray());
                var points = Points(series);
                var expected = pair.OrderBy(f => f.Target).ToList();
                Assert.Equal(expected.Select(f => Midnight(f.Target).ToUnixTimeSeconds()), points.Select(p => p.Time));
                Assert.Equal(expected.Select(value), points.Select(p => p.Value));
            }
        }

        // The traffic light on the last day is the backtest's (backtests.csv: zone over the last 250 days).
        var zones = File.ReadLines(Path.Combine(outDir, CsvResultsWriter.BacktestsFile)).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in zones)
        {
            var labels = $"universe=\"hist\", instrument=\"{row[0]}\", model=\"{row[1]}\", level=\"{row[2]}\"";
            var zone = Points(Assert.Single((await prometheus.QueryRangeAsync($"riskgrid_history_traffic_light_zone{{{labels}}}", end, end, Day)).EnumerateArray()));
            var count = Points(Assert.Single((await prometheus.QueryRangeAsync($"riskgrid_history_traffic_light_exceptions{{{labels}}}", end, end, Day)).EnumerateArray()));
            Assert.Equal(Array.IndexOf(["green", "yellow", "red"], row[11]), zone.Single().Value);
            Assert.Equal(double.Parse(row[12], CultureInfo.InvariantCulture), count.Single().Value);
        }

        // Every Backtest History panel query returns data over the whole range at the steps Grafana would use.
        var queries = GrafanaFiles.PanelQueries(GrafanaFiles.HistoryDatasourceUid());
        Assert.NotEmpty(queries);
        var empty = new List<string>();
        foreach (var query in queries)
        {
            foreach (var step in new[] { Day, TimeSpan.FromDays(7) })
            {
                var expr = query.Expr.Replace("$__interval", $"{(int)step.TotalDays}d", StringComparison.Ordinal);
                var result = await prometheus.QueryRangeAsync(expr, start, end, step);
                var pointCount = result.EnumerateArray().Sum(s => s.GetProperty("values").GetArrayLength());
                // Nearly every step of the range has a point (weekends too: the window reaches back a day or a week).
                if (result.GetArrayLength() == 0 || pointCount < result.GetArrayLength() * (end - start) / step * 0.7)
                {
                    empty.Add($"{query} at step {step.TotalDays} d: {result.GetArrayLength()} series, {pointCount} points");
                }
            }
        }

        Assert.True(empty.Count == 0, "history panel queries with (almost) no data:\n" + string.Join("\n", empty));
        output.WriteLine($"whole test: {clock.Elapsed.TotalSeconds:F1} s");
    }

    private sealed record Forecast(string Instrument, string Model, string Alpha, DateOnly Target, double VaR, double ES);

    // forecasts.csv: instrument,model,origin_date,target_date,alpha,var,es,...; the pending forecast has no target date.
    private static List<Forecast> ReadForecasts(string path) =>
    [
        .. File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Where(c => c[3].Length > 0)
            .Select(c => new Forecast(c[0], c[1], c[4], DateOnly.ParseExact(c[3], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                double.Parse(c[5], CultureInfo.InvariantCulture), double.Parse(c[6], CultureInfo.InvariantCulture))),
    ];

    private static List<(long Time, double Value)> Points(JsonElement series) =>
    [
        .. series.GetProperty("values").EnumerateArray()
            .Select(p => ((long)p[0].GetDouble(), double.Parse(p[1].GetString()!, CultureInfo.InvariantCulture))),
    ];

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
