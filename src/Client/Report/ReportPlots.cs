using System.Globalization;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using ScottPlot;

namespace RiskGrid.Client.Report;

/// <summary>The report's charts, rendered to PNG with ScottPlot. Colours follow the model's position in the run.</summary>
internal static class ReportPlots
{
    public const int Width = 1100;

    // Tall enough for the returns chart's legend below the data (three rows for the catalogue's models).
    public const int Height = 480;

    // 25 distinct colours: every model of a run keeps its own (Category10 gave the 11th and 12th the 1st's and 2nd's).
    private static readonly IPalette Palette = new ScottPlot.Palettes.Tsitsulin();

    private static readonly int[] MonthsPerTick = [1, 2, 3, 6, 12, 24, 60];

    /// <summary>Exceptions per model and level (pooled over instruments) against the count a correct model expects.</summary>
    public static void ExceptionCounts(BenchmarkReport report, IReadOnlyList<string> models, string path)
    {
        var plot = new Plot();
        var levels = report.Alphas.Count;
        var width = 0.8 / levels;
        var bars = new List<Bar>();
        var expectedX = new List<double>();
        var expectedY = new List<double>();
        for (var m = 0; m < models.Count; m++)
        {
            for (var k = 0; k < levels; k++)
            {
                var row = report.KeyResults.FirstOrDefault(r => r.Model == models[m] && r.Alpha == report.Alphas[k]);
                if (row is null)
                {
                    continue;
                }

                var x = m - 0.4 + width * (k + 0.5);
                bars.Add(new Bar
                {
                    Position = x,
                    Value = row.Exceptions,
                    Size = width * 0.9,
                    FillColor = Palette.GetColor(m).WithAlpha(k == levels - 1 ? 1.0 : 0.55),
                    Label = $"{Level(report.Alphas[k])}: {row.Exceptions}",
                });
                expectedX.Add(x);
                expectedY.Add((1 - report.Alphas[k]) * row.Observations);
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        var expected = plot.Add.Markers(expectedX.ToArray(), expectedY.ToArray(), MarkerShape.FilledDiamond, 9, Colors.Black);
        expected.LegendText = "expected for a correct model, (1 − α) × observations";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, models.Count).Select(i => (double)i)], [.. models]);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Title("Exceptions per model (bars: " + string.Join(", ", report.Alphas.Select(Level)) + "; pooled over instruments)");
        plot.YLabel("exceptions");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// Realised returns of one instrument with each model's −VaR at level index <paramref name="level"/>; exceptions
    /// marked. One legend entry per model (its −VaR line, its exception dot and count), in rows below the chart.
    /// </summary>
    public static void ReturnsWithVaR(string instrument, IReadOnlyList<PairRun> runs, int level, double alpha, string path)
    {
        var plot = new Plot();
        var first = Realized(runs[0]);
        var xs = first.Select(X).ToArray();
        var returnColor = Colors.Gray.WithAlpha(0.7);
        var returns = plot.Add.ScatterLine(xs, first.Select(f => f.Realized).ToArray(), returnColor);
        returns.LineWidth = 1;
        var legend = new List<LegendItem> { new() { LabelText = "return (%)", LineColor = returnColor, LineWidth = 1 } };
        for (var m = 0; m < runs.Count; m++)
        {
            var realized = Realized(runs[m]).Where(f => f.HasForecast).ToList();
            var color = Palette.GetColor(m);
            var line = plot.Add.ScatterLine(realized.Select(X).ToArray(), realized.Select(f => -f.VaR[level]).ToArray(), color);
            line.LineWidth = 1.5f;
            var hits = realized.Where(f => f.IsException(level)).ToList();
            if (hits.Count > 0)
            {
                plot.Add.Markers(hits.Select(X).ToArray(), hits.Select(f => f.Realized).ToArray(), MarkerShape.FilledCircle, 6, color);
            }

            legend.Add(new LegendItem
            {
                LabelText = $"{runs[m].Model}: {hits.Count} exceptions",
                LineColor = color,
                LineWidth = 1.5f,
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = 6,
                MarkerFillColor = color,
                MarkerLineColor = color,
            });
        }

        plot.Axes.DateTimeTicksBottom().TickGenerator = MonthTicks(xs);
        plot.Title($"{instrument}: daily return and −VaR at {Level(alpha)}");
        plot.YLabel("return, %");
        plot.Axes.Right.MinimumSize = 30; // room for the last date label at the right edge
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Each model's exceptions over the trailing 250 observations (fewer at the start) against the Basel zones.</summary>
    public static void RollingExceptions(string instrument, IReadOnlyList<PairRun> runs, int level, double alpha, string path)
    {
        var plot = new Plot();
        var longest = runs.Select(r => Realized(r).Where(f => f.HasForecast).ToList()).MaxBy(r => r.Count) ?? [];
        var top = 1.0;
        var counts = new List<(PairRun Run, double[] X, double[] Y)>();
        foreach (var run in runs)
        {
            var observations = Realized(run).Where(f => f.HasForecast).ToList();
            var y = new double[observations.Count];
            var inWindow = 0;
            for (var j = 0; j < observations.Count; j++)
            {
                inWindow += observations[j].IsException(level) ? 1 : 0;
                if (j >= TrafficLight.BaselDays && observations[j - TrafficLight.BaselDays].IsException(level))
                {
                    inWindow--;
                }

                y[j] = inWindow;
            }

            counts.Add((run, observations.Select(X).ToArray(), y));
            top = Math.Max(top, y.DefaultIfEmpty(0).Max());
        }

        if (longest.Count > 0)
        {
            var xs = longest.Select(X).ToArray();
            var bands = longest.Select((_, j) => TrafficLightBands.For(Math.Min(j + 1, TrafficLight.BaselDays), alpha)).ToArray();
            var yellow = bands.Select(b => b.YellowFrom - 0.5).ToArray();
            var red = bands.Select(b => b.RedFrom - 0.5).ToArray();
            top = Math.Max(top, red[^1]) + 2;
            Band(plot, xs, new double[xs.Length], yellow, Colors.Green, "green zone");
            Band(plot, xs, yellow, red, Colors.Gold, "yellow zone");
            Band(plot, xs, red, [.. Enumerable.Repeat(top, xs.Length)], Colors.Red, "red zone");
        }

        for (var m = 0; m < counts.Count; m++)
        {
            var (run, x, y) = counts[m];
            var line = plot.Add.ScatterLine(x, y, Palette.GetColor(m));
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = run.Model;
        }

        plot.Axes.DateTimeTicksBottom().TickGenerator = MonthTicks([.. counts.SelectMany(c => c.X)]);
        plot.Axes.SetLimitsY(0, top);
        plot.Title($"{instrument}: exceptions in the trailing {TrafficLight.BaselDays} days at {Level(alpha)} against the Basel traffic light");
        plot.YLabel("exceptions");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    private static void Band(Plot plot, double[] xs, double[] lower, double[] upper, Color color, string label)
    {
        var fill = plot.Add.FillY(xs, upper, lower);
        fill.FillColor = color.WithAlpha(0.15);
        fill.LineWidth = 0;
        fill.LegendText = label;
    }

    /// <summary>
    /// Date ticks for the bottom axis: yyyy-MM, one on the first of every 1, 2, 3, 6, 12, 24 or 60 months (at most
    /// a dozen over <paramref name="dates"/>, OLE dates), counted from January so that every chart labels the same months.
    /// </summary>
    internal static ScottPlot.TickGenerators.DateTimeFixedInterval MonthTicks(IReadOnlyCollection<double> dates)
    {
        var months = dates.Count == 0 ? 0 : (dates.Max() - dates.Min()) / 30.44;
        var perTick = MonthsPerTick.FirstOrDefault(n => months / n <= 12, MonthsPerTick[^1]);
        // No minor ticks: ScottPlot labels them too, in its own M/d/yyyy.
        return new ScottPlot.TickGenerators.DateTimeFixedInterval(
            new ScottPlot.TickGenerators.TimeUnits.Month(), perTick, minorInterval: null, minorIntervalsPerTick: 0, start =>
            {
                // Without this the ticks start wherever the axis does (e.g. on the 29th, labelled as that month).
                var index = start.Year * 12 + start.Month - 1;
                index -= index % perTick;
                return new DateTime(index / 12, index % 12 + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            })
        {
            LabelFormatter = date => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }

    private static List<ForecastRecord> Realized(PairRun run) => run.Forecasts.Where(f => f.IsRealized).ToList();

    private static double X(ForecastRecord f) => f.TargetDate!.Value.ToDateTime(TimeOnly.MinValue).ToOADate();

    internal static string Level(double alpha) => (100 * alpha).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
