using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grid.Tests.TestSupport;
using Spectre.Console.Testing;

namespace RiskGrid.Grid.Tests.Client;

/// <summary><c>riskgrid benchmark</c> through the grid (an embedded silo) against the Core engine.</summary>
public sealed class GridBenchmarkTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-grid-");

    public void Dispose() => _dir.Dispose();

    private BenchmarkSettings Settings(string output) => new()
    {
        Models = TestModels.All,
        Rolling = new RollingOptions { Window = TestModels.Window(250), RefitEvery = 1, Alphas = [0.95, 0.99] },
        SyntheticInstruments = 4,
        SyntheticDays = TestModels.Window(250) + 120,
        OutputDirectory = _dir.File(output),
    };

    [Fact]
    public async Task The_benchmark_through_the_grid_writes_exactly_what_the_core_engine_writes()
    {
        var gridConsole = new TestConsole().Width(250);
        var coreConsole = new TestConsole().Width(250);
        var grid = Settings("grid");
        var core = Settings("core");

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(grid, new GridEngineExecutor(null, "benchmark", 17, reset: false),
            CancellationToken.None, gridConsole));
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(core, new CoreEngineExecutor(), CancellationToken.None, coreConsole));

        Assert.Contains("grid (embedded silo)", gridConsole.Output);
        Assert.Contains("Key Results", gridConsole.Output);
        // The catalogue's results too (backtest-tests.csv, key-results-tests.csv): the PIT tests of every model with a PIT
        // (the empirical laws of hs, fhs and gjr-evt's body included) are computed from the records' PITs on both engines.
        foreach (var file in new[] { CsvResultsWriter.ForecastsFile, CsvResultsWriter.BacktestsFile, CsvResultsWriter.TestsFile, CsvResultsWriter.KeyResultsFile,
                     CsvResultsWriter.KeyResultsTestsFile, CsvResultsWriter.FitsFile, CsvResultsWriter.ComparisonFile, CsvResultsWriter.MurphyFile })
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(core.OutputDirectory, file));
            var actual = await File.ReadAllTextAsync(Path.Combine(grid.OutputDirectory, file));
            Assert.True(expected == actual, $"{file} differs between the grid and the core engine");
        }

        // … and there, not only equal: historical simulation's PIT tests are defined at 95% on every instrument (at 99% the
        // 120 days can leave Berkowitz fewer than two tail PITs).
        var pitTests = (await File.ReadAllLinesAsync(Path.Combine(grid.OutputDirectory, CsvResultsWriter.TestsFile))).Skip(1).Select(l => l.Split(','))
            .Where(c => c[1] == "hs" && c[2] == "0.95" && c[3] is "berkowitz" or "es-z3").ToList();
        Assert.Equal(4 * 3, pitTests.Count); // 4 instruments × (berkowitz χ² and mc, es-z3 mc)
        Assert.All(pitTests, c => Assert.True(c[^1].Length == 0 && double.TryParse(c[7], System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1,
            string.Join(',', c)));

        // The tables are the same too: everything after the header line naming the engine, up to the timing line.
        static string Body(string output) => string.Join('\n', output.Split('\n').Skip(1).TakeWhile(l => !l.Contains(" pairs in ")));
        Assert.Equal(Body(coreConsole.Output), Body(gridConsole.Output));
    }

    [Fact]
    public async Task With_esr_mc_the_grid_gives_the_esr_mc_p_values_the_core_engine_gives_to_the_last_digit()
    {
        // A small universe whose models have predictive laws: the grains run the battery as the universe's settings say.
        BenchmarkSettings EsrSettings(string output) => new()
        {
            Models = ["normal", "ewma"],
            Rolling = new RollingOptions { Window = 250, RefitEvery = 5, Alphas = [0.95] },
            SyntheticInstruments = 2,
            SyntheticDays = 600,
            EsrMonteCarlo = true,
            OutputDirectory = _dir.File(output),
        };
        var grid = EsrSettings("grid-esr");
        var core = EsrSettings("core-esr");

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(grid, new GridEngineExecutor(null, "benchmark-esr", 50, reset: false),
            CancellationToken.None, new TestConsole().Width(250)));
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(core, new CoreEngineExecutor(), CancellationToken.None, new TestConsole().Width(250)));

        var expected = await File.ReadAllLinesAsync(Path.Combine(core.OutputDirectory, CsvResultsWriter.TestsFile));
        var actual = await File.ReadAllLinesAsync(Path.Combine(grid.OutputDirectory, CsvResultsWriter.TestsFile));
        Assert.Equal(expected, actual);
        // the mc p-values are there (one per pair and test, strict and aux), not only equal
        var mc = actual.Skip(1).Select(l => l.Split(',')).Where(c => c[3] is "esr-strict" or "esr-aux" && c[6] == "mc").ToList();
        Assert.Equal(2 * 2 * 2, mc.Count);
        Assert.All(mc, c => Assert.True(double.TryParse(c[7], System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1, string.Join(',', c)));
    }

    [Fact]
    public async Task The_grid_reports_its_progress_in_days_over_every_pair_push_by_push_and_no_pairs_count()
    {
        // Every push moves all pairs to the same day: no pair is done before the last push, so a pairs count says nothing.
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 120 });
        var settings = new BenchmarkSettings { Models = ["hs", "ewma"], Rolling = new RollingOptions { Window = 50, Alphas = [0.99] } };
        var reports = new List<EngineProgress>();
        await new GridEngineExecutor(null, "progress", 25, reset: false)
            .RunAsync(universe, settings, new SynchronousProgress<EngineProgress>(r => { lock (reports) { reports.Add(r); } }), CancellationToken.None);
        // (The pairs are read back several at a time, so reports of the second phase come from concurrent tasks: a bare
        // List.Add lost one of them once.)

        var pushes = reports.Where(r => !r.InBacktests).ToList();
        Assert.Equal(5, pushes.Count); // 120 days in pushes of 25
        Assert.All(reports, r => Assert.Equal((0, 0, 2 * 120 * 2L), (r.PairsDone, r.PairsTotal, r.BarsTotal)));
        Assert.Equal([2 * 25 * 2L, 2 * 50 * 2, 2 * 75 * 2, 2 * 100 * 2, 2 * 120 * 2], pushes.Select(r => r.BarsDone));
        // Then the second phase: the pairs read back with their backtests, after every push.
        var backtests = reports.SkipWhile(r => !r.InBacktests).ToList();
        Assert.All(backtests, r => Assert.True(r.InBacktests));
        Assert.Equal([0, 1, 2, 3, 4], backtests.Select(r => r.BacktestsDone).Order());
        Assert.All(backtests, r => Assert.Equal((4, r.ForecastsTotal), (r.BacktestsTotal, r.ForecastsDone)));
    }

    [Fact]
    public async Task The_command_line_picks_the_engine_and_refuses_a_cluster_without_the_grid()
    {
        var output = _dir.File("cli");
        var code = await RiskGridCli.Build().Parse(["benchmark", "--engine", "core", "--cluster", "127.0.0.1:30000", "--out", output]).InvokeAsync();
        Assert.Equal(ExitCodes.BadArguments, code);
        code = await RiskGridCli.Build().Parse(["benchmark", "--cluster", "no-port-here", "--out", output]).InvokeAsync();
        Assert.Equal(ExitCodes.BadArguments, code);
        code = await RiskGridCli.Build().Parse(["query", "universe", "--cluster", "127.0.0.1:1"]).InvokeAsync();
        Assert.Equal(ExitCodes.Grid, code);
    }
}
