using RiskGrid.Client.Output;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Tests.Output;

/// <summary>The history export's text: what promtool's OpenMetrics parser needs (each family contiguous, one TYPE
/// line before its samples, <c># EOF</c> last, escaped labels) and which forecasts become samples.</summary>
public sealed class OpenMetricsHistoryWriterTests
{
    private static ForecastRecord Day(int day, double var, double realized) =>
        new(new DateOnly(2001, 1, day), [var], [var * 1.2], 0, 1.5, FitStatus.Converged, false)
        {
            TargetDate = new DateOnly(2001, 1, day + 1),
            Realized = realized,
        };

    [Fact]
    public void Every_realised_forecast_is_a_sample_at_its_day_and_the_text_is_well_formed()
    {
        var pending = new ForecastRecord(new DateOnly(2001, 1, 9), [2.0], [2.5], 0, 1.5, FitStatus.Converged, false);
        var missing = Day(4, double.NaN, -0.5) with { ES = [double.NaN] };
        var run = new PairRun("A\"B\\C", "ewma", new PairState { Forecasts = [Day(2, 2.0, -2.5), Day(3, 2.1, 1.0), missing, Day(5, 2.2, 0.3), pending] }, TimeSpan.Zero);
        var report = BenchmarkReport.Build([run], [0.99]);
        var writer = new StringWriter();

        OpenMetricsHistoryWriter.Write(report, "u", writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# EOF", lines[^1]);
        Assert.Single(lines, l => l == "# EOF");
        var families = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(OpenMetricsHistoryWriter.Families.Select(f => f.Name), families);
        // Samples of a family follow its TYPE line and no other family's.
        string? current = null;
        foreach (var line in lines.Where(l => l != "# EOF"))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
            }
            else if (!line.StartsWith('#'))
            {
                Assert.StartsWith(current + "{", line);
            }
        }

        const string labels = "universe=\"u\",instrument=\"A\\\"B\\\\C\",model=\"ewma\",level=\"0.99\"";
        var var = lines.Where(l => l.StartsWith("riskgrid_history_var_percent{", StringComparison.Ordinal)).ToList();
        // Jan 3, 4 and 6 (00:00 UTC): the day without a forecast is a gap, the pending forecast is not history yet.
        Assert.Equal([$"riskgrid_history_var_percent{{{labels}}} 2 978480000", $"riskgrid_history_var_percent{{{labels}}} 2.1 978566400",
            $"riskgrid_history_var_percent{{{labels}}} 2.2 978739200"], var);
        Assert.Equal(["1", "0", "0"], lines.Where(l => l.StartsWith("riskgrid_history_exception{", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
        Assert.Equal(["1", "1", "1"], lines.Where(l => l.StartsWith("riskgrid_history_traffic_light_exceptions{", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
        // Returns: every realised day of the instrument, the one without a forecast too.
        Assert.Equal(4, lines.Count(l => l.StartsWith("riskgrid_history_return_percent{universe=\"u\",instrument=\"A\\\"B\\\\C\"} ", StringComparison.Ordinal)));
        Assert.Equal(978480000, OpenMetricsHistoryWriter.Timestamp(new DateOnly(2001, 1, 3)));
    }
}
