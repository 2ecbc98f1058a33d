using System.Globalization;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using ScottPlot;

namespace RiskGrid.Client.Report;

/// <summary>The report's static charts (for e-mail and CI), rendered to PNG with ScottPlot: one model each, axes titled.</summary>
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
        plot.XLabel("model");
        plot.YLabel("exceptions (pooled over instruments)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// Realised returns of one pair's instrument with that model's −VaR and −ES at level index <paramref name="level"/>;
    /// exceptions marked with red crosses.
    /// </summary>
    public static void ReturnsWithVaR(PairRun run, int level, double alpha, string path)
    {
        var plot = new Plot();
        var realized = Realized(run);
        var xs = realized.Select(X).ToArray();
        var returnColor = Colors.Gray.WithAlpha(0.7);
        var returns = plot.Add.ScatterLine(xs, realized.Select(f => f.Realized).ToArray(), returnColor);
        returns.LineWidth = 1;
        returns.LegendText = "return";
        var forecast = realized.Where(f => f.HasForecast).ToList();
        var var = plot.Add.ScatterLine(forecast.Select(X).ToArray(), forecast.Select(f => -f.VaR[level]).ToArray(), Colors.C0);
        var.LineWidth = 1.5f;
        var.LegendText = $"−VaR {Level(alpha)}";
        var es = plot.Add.ScatterLine(forecast.Select(X).ToArray(), forecast.Select(f => -f.ES[level]).ToArray(), Colors.C4);
        es.LineWidth = 1.2f;
        es.LinePattern = LinePattern.Dotted;
        es.LegendText = $"−ES {Level(alpha)}";
        var hits = forecast.Where(f => f.IsException(level)).ToList();
        var markers = plot.Add.Markers(hits.Select(X).ToArray(), hits.Select(f => f.Realized).ToArray(), MarkerShape.Eks, 9, Colors.Red);
        markers.MarkerLineWidth = 2;
        markers.LegendText = $"exceptions ({hits.Count})";
        plot.Axes.DateTimeTicksBottom().TickGenerator = MonthTicks(xs);
        plot.Title($"{run.Instrument}, {run.Model}: daily return, −VaR and −ES at {Level(alpha)}");
        plot.XLabel("date (day forecast)");
        plot.YLabel("daily return, % (VaR and ES as −loss)");
        plot.Axes.Right.MinimumSize = 30; // room for the last date label at the right edge
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>One pair's exceptions over the trailing 250 observations (fewer at the start) against the Basel zones.</summary>
    public static void RollingExceptions(PairRun run, int level, double alpha, string path)
    {
        var plot = new Plot();
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

        var xs = observations.Select(X).ToArray();
        var top = Math.Max(1.0, y.DefaultIfEmpty(0).Max());
        if (xs.Length > 0)
        {
            var bands = observations.Select((_, j) => TrafficLightBands.For(Math.Min(j + 1, TrafficLight.BaselDays), alpha)).ToArray();
            var yellow = bands.Select(b => b.YellowFrom - 0.5).ToArray();
            var red = bands.Select(b => b.RedFrom - 0.5).ToArray();
            top = Math.Max(top, red[^1]) + 2;
            Band(plot, xs, new double[xs.Length], yellow, Colors.Green, "green zone");
            Band(plot, xs, yellow, red, Colors.Gold, "yellow zone");
            Band(plot, xs, red, [.. Enumerable.Repeat(top, xs.Length)], Colors.Red, "red zone");
        }

        var line = plot.Add.ScatterLine(xs, y, Colors.Black);
        line.LineWidth = 2;
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LegendText = $"{run.Model}: exceptions";
        plot.Axes.DateTimeTicksBottom().TickGenerator = MonthTicks(xs);
        plot.Axes.SetLimitsY(0, top);
        plot.Title($"{run.Instrument}, {run.Model}: exceptions in the trailing {TrafficLight.BaselDays} days at {Level(alpha)} against the Basel traffic light");
        plot.XLabel("date (day forecast)");
        plot.YLabel($"exceptions in the trailing {TrafficLight.BaselDays} days");
        plot.ShowLegend(Alignment.UpperLeft);
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
