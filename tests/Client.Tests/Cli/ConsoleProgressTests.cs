using RiskGrid.Client.Cli;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Tests.Cli;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void The_core_engine_line_counts_finished_pairs_and_estimates_the_rest()
    {
        var line = ConsoleProgress.Format(new EngineProgress(500, 2000, 3, 12), TimeSpan.FromSeconds(30));
        Assert.Contains("days 500/2,000  pairs 3/12  00:30 elapsed, ~01:30 left", line);
    }

    [Fact]
    public void A_run_that_counts_no_pairs_shows_days_alone_and_ends_with_its_last_day()
    {
        var midway = ConsoleProgress.Format(new EngineProgress(500, 2000, 0, 0), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("pairs", midway);
        Assert.Contains("days 500/2,000  00:30 elapsed, ~01:30 left", midway);

        var done = ConsoleProgress.Format(new EngineProgress(2000, 2000, 0, 0), TimeSpan.FromSeconds(120));
        Assert.EndsWith("days 2,000/2,000  02:00 elapsed", done);
    }

    [Fact]
    public void Reports_without_pairs_are_written_without_a_pairs_count_and_the_last_one_unthrottled()
    {
        var lines = new StringWriter();
        using (var progress = new ConsoleProgress(lines, inPlace: false))
        {
            // As the grid executor reports 2 instruments × 3 models of 100 prices, pushed 50 days at a time.
            progress.Report(new EngineProgress(100 * 3, 200 * 3, 0, 0));
            progress.Report(new EngineProgress(200 * 3, 200 * 3, 0, 0));
        }

        var written = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("progress: ", written[0]);
        Assert.Contains("days 300/600", written[0]);
        Assert.Contains("days 600/600  ", written[^1]); // the last report is always written, unthrottled
        Assert.All(written, line => Assert.DoesNotContain("pairs", line));
    }
}
