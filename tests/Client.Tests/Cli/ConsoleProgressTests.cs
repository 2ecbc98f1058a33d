using RiskGrid.Client.Cli;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Core.Data;
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

public sealed class TimeLeftTests
{
    [Fact]
    public void The_estimate_follows_the_recent_rate_not_a_cheap_or_slow_start()
    {
        // 0-30 s: 10 forecast days a second (cold fits), then 100 a second; 6,300 in all.
        var estimator = new TimeLeftEstimator();
        for (var t = 0; t <= 60; t++)
        {
            estimator.Observe(TimeSpan.FromSeconds(t), t <= 30 ? 10L * t : 300 + 100L * (t - 30));
        }

        // 3,300 done at 60 s: 3,000 left at 100 a second is 30 s (the whole-run average, 55 a second, said 55 s).
        Assert.Equal(30, estimator.Estimate(6300)!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void There_is_no_estimate_before_any_forecast_day_is_done_and_zero_at_the_end()
    {
        var estimator = new TimeLeftEstimator();
        estimator.Observe(TimeSpan.FromSeconds(1), 0);
        estimator.Observe(TimeSpan.FromSeconds(10), 0);
        Assert.Null(estimator.Estimate(1000));
        estimator.Observe(TimeSpan.FromSeconds(11), 1000);
        Assert.Equal(TimeSpan.Zero, estimator.Estimate(1000));
    }

    [Fact]
    public void Redirected_progress_is_one_line_per_tenth_and_the_last()
    {
        var lines = new StringWriter();
        var now = TimeSpan.Zero;
        using (var progress = new ConsoleProgress(lines, inPlace: false, clock: () => now))
        {
            for (var i = 1; i <= 200; i++)
            {
                now = TimeSpan.FromSeconds(i);
                progress.Report(new EngineProgress(i * 2, 400, 0, 0, i, 200));
            }
        }

        var written = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, written.Length);
        Assert.Contains(" 10%  forecast days 20/200", written[0]);
        Assert.Contains("~03:00 left", written[0]); // 180 days left at one a second
        Assert.Contains("100%  forecast days 200/200  03:20 elapsed", written[^1]);
        Assert.DoesNotContain("left", written[^1]);
    }

    [Fact]
    public void A_redrawn_line_fits_the_terminal_and_stays_on_one_line()
    {
        var text = new StringWriter();
        var now = TimeSpan.Zero;
        using (var progress = new ConsoleProgress(text, inPlace: true, width: 60, clock: () => now))
        {
            for (var i = 1; i <= 50; i++)
            {
                now = TimeSpan.FromSeconds(i);
                progress.Report(new EngineProgress(i * 20, 1000, i / 10, 5, i * 10, 500));
            }

            Assert.DoesNotContain('\n', text.ToString());
        }

        var redraws = text.ToString().TrimEnd('\n').Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(50, redraws.Length);
        Assert.All(redraws, r => Assert.True(r.Replace("\u001b[K", "").Length < 60, r));
        Assert.Contains("forecast days 500/500", redraws[^1]);
    }

    [Fact]
    public void The_core_engine_counts_forecast_days_after_each_window()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 300 });
        var reports = new System.Collections.Concurrent.ConcurrentQueue<EngineProgress>();
        var options = new RollingOptions { Window = 200, Alphas = [0.99] };

        RollingEngine.Run(universe, ["hs", "normal"], options, progress: new Collect(reports.Enqueue), maxDegreeOfParallelism: 1);

        var last = reports.MaxBy(r => r.ForecastsDone);
        Assert.Equal(4 * (300 - 200), last.ForecastsTotal);
        Assert.Equal(last.ForecastsTotal, last.ForecastsDone);
        // The first pair's first 192 bars (three reports of 64) fill its window and forecast nothing.
        Assert.Equal([0L, 0L, 0L], reports.Take(3).Select(r => r.ForecastsDone));
    }

    [Fact]
    public void The_header_says_what_each_model_refits_or_retrains()
    {
        RunOptions.RegisterModels();
        var settings = new BenchmarkSettings { Models = ["garch-t", "ewma", "lstm"], Rolling = new RollingOptions { RefitEvery = 5 } };

        var text = BenchmarkRunner.Refits(settings);

        Assert.Contains("lstm retrains every 250 days", text);
        Assert.Contains("garch-t", text);
        Assert.Contains("every 5 days", text);
        Assert.DoesNotContain("lstm refit", text);
    }

    private sealed class Collect(Action<EngineProgress> add) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => add(value);
    }
}

public sealed class TimeLeftStartTests
{
    [Fact]
    public void Time_before_the_first_forecast_day_does_not_count_in_the_rate()
    {
        // 20 s of start-up and window filling, then 10 forecast days a second.
        var estimator = new TimeLeftEstimator();
        for (var t = 0; t <= 20; t++)
        {
            estimator.Observe(TimeSpan.FromSeconds(t), 0);
        }

        for (var t = 21; t <= 25; t++)
        {
            estimator.Observe(TimeSpan.FromSeconds(t), 10L * (t - 20));
        }

        Assert.Equal(95, estimator.Estimate(1000)!.Value.TotalSeconds, 6); // 950 left at 10 a second
    }
}

/// <summary>The benchmark's second phase, the backtests: counted, and in the time left from the start.</summary>
public sealed class BacktestPhaseProgressTests
{
    [Fact]
    public void The_time_left_covers_the_backtests_and_the_phase_has_its_own_lines()
    {
        // 200 forecast days at one a second, then 10 pairs backtested at one per 5 s; the probe expects 50 s of backtests.
        var lines = new StringWriter();
        var now = TimeSpan.Zero;
        using (var progress = new ConsoleProgress(lines, inPlace: false, clock: () => now, backtests: new BacktestTimeProbe(TimeSpan.FromSeconds(50))))
        {
            for (var i = 1; i <= 200; i++)
            {
                now = TimeSpan.FromSeconds(i);
                progress.Report(new EngineProgress(i, 200, 0, 0, i, 200));
            }

            var finished = new EngineProgress(200, 200, 0, 0, 200, 200);
            progress.Report(finished with { BacktestsTotal = 10 });
            for (var k = 1; k <= 10; k++)
            {
                now = TimeSpan.FromSeconds(200 + 5 * k);
                progress.Report(finished with { BacktestsDone = k, BacktestsTotal = 10 });
            }
        }

        var written = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, written.Length); // ten per phase
        Assert.Contains(" 10%  forecast days 20/200  00:20 elapsed, ~03:50 left", written[0]); // 180 s of forecasts + 50 s of backtests
        Assert.Contains("100%  forecast days 200/200  03:20 elapsed, ~00:50 left", written[9]); // not the end: the backtests follow
        Assert.Contains(" 10%  backtests 1/10 pairs  03:25 elapsed, ~00:45 left", written[10]); // the probe's 50 s, 5 gone
        Assert.Contains(" 50%  backtests 5/10 pairs", written[14]);
        Assert.Contains("~00:25 left", written[14]); // 5 pairs left at 5 s each, from the phase's own rate
        Assert.EndsWith("100%  backtests 10/10 pairs  04:10 elapsed", written[^1]);
    }

    [Fact]
    public async Task The_probe_times_the_catalogue_on_a_pair_of_the_runs_length()
    {
        var probe = new BacktestTimeProbe([120, 120, 120, 80], [0.99], workers: 2);
        Assert.Null(probe.Estimate);

        probe.Start();
        await probe.Completion;

        Assert.True(probe.Estimate > TimeSpan.Zero, $"{probe.Estimate}");
    }

    [Fact]
    public async Task The_core_engine_reports_the_backtests_as_a_second_phase_and_hands_them_over()
    {
        var reports = new List<EngineProgress>();
        var settings = new BenchmarkSettings
        {
            Models = ["hs", "ewma"],
            Rolling = new RollingOptions { Window = 100, Alphas = [0.99] },
            SyntheticInstruments = 2,
            SyntheticDays = 160,
        };
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 160 });

        var runs = await new CoreEngineExecutor().RunAsync(universe, settings, new Collect(reports.Add), CancellationToken.None);

        // Reports from parallel workers may arrive out of order: the furthest says every forecast and backtest is done.
        var last = reports.Where(r => r.InBacktests).MaxBy(r => r.BacktestsDone);
        Assert.Equal(new EngineProgress(last.BarsTotal, last.BarsTotal, 4, 4, 4 * 60, 4 * 60, 4, 4), last);
        Assert.Equal([0, 1, 2, 3, 4], reports.Where(r => r.InBacktests).Select(r => r.BacktestsDone).Order());
        Assert.All(runs, r => Assert.Equal(Core.Backtesting.Backtester.Summarize(r.Forecasts, settings.Rolling.Alphas), r.Backtests!));
    }

    private sealed class Collect(Action<EngineProgress> add) : IProgress<EngineProgress>
    {
        private readonly Lock _lock = new();

        public void Report(EngineProgress value)
        {
            lock (_lock)
            {
                add(value);
            }
        }
    }
}
