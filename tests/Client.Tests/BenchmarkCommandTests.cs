using System.Globalization;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Cli.Options;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Mapping;
using Spectre.Console;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests;

public sealed class BenchmarkCommandTests : IDisposable
{
    private readonly TempFolder _dir = new("riskgrid-cli-");

    public void Dispose() => _dir.Dispose();

    private BenchmarkSettings SmallSynthetic(params string[] models) => new()
    {
        Models = models,
        Rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] },
        SyntheticInstruments = 3,
        SyntheticDays = 400,
        OutputDirectory = _dir.File("out"),
    };

    [Fact]
    public async Task Benchmark_prints_key_results_for_every_model_and_level_and_writes_csv()
    {
        var console = new TestConsole().Width(250);
        var settings = SmallSynthetic("hs", "normal", "ewma");

        var code = await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, console);

        Assert.Equal(ExitCodes.Ok, code);
        var text = console.Output;
        Assert.Contains("Key Results", text);
        foreach (var model in settings.Models)
        {
            Assert.Contains(model, text);
        }

        Assert.Contains("95.0%", text);
        Assert.Contains("99.0%", text);

        // 400 prices, window 250 → 150 forecasts, the last not yet realised; 3 instruments × 3 models × 2 levels.
        var forecasts = File.ReadAllLines(Path.Combine(settings.OutputDirectory, CsvResultsWriter.ForecastsFile));
        Assert.Equal(1 + 3 * 3 * 150 * 2, forecasts.Length);
        var keyResults = File.ReadAllLines(Path.Combine(settings.OutputDirectory, CsvResultsWriter.KeyResultsFile));
        Assert.Equal(1 + 3 * 2, keyResults.Length);
        var backtests = File.ReadAllLines(Path.Combine(settings.OutputDirectory, CsvResultsWriter.BacktestsFile));
        Assert.Equal(1 + 3 * 3 * 2, backtests.Length);
        Assert.All(backtests.Skip(1), line => Assert.Equal("149", line.Split(',')[3])); // observations
    }

    [Fact]
    public async Task Forecast_csv_round_trips_the_engine_values_exactly()
    {
        var settings = SmallSynthetic("normal");
        await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole());

        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 3, Days = 400 });
        var direct = RollingEngine.RunPair(universe[1], Core.Models.ModelCatalog.Create("normal"), settings.Rolling);
        var rows = File.ReadLines(Path.Combine(settings.OutputDirectory, CsvResultsWriter.ForecastsFile))
            .Skip(1).Select(l => l.Split(','))
            .Where(c => c[0] == universe[1].Instrument && c[4] == "0.99")
            .ToList();
        Assert.Equal(direct.Forecasts.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(direct.Forecasts[i].VaR[1], double.Parse(rows[i][5], CultureInfo.InvariantCulture));
            Assert.Equal(direct.Forecasts[i].ES[1], double.Parse(rows[i][6], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task A_malformed_file_is_a_clear_error_with_its_own_exit_code()
    {
        var file = _dir.File("bad.csv");
        await File.WriteAllTextAsync(file, "Date,Open,High,Low,Close,Adj Close,Volume\n1/4/1999,1,1,1,1,1,0\n1/5/1999,1,1,1,abc,1,0\n");
        var settings = SmallSynthetic("hs") with { DataFiles = [file] };
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole());
            Assert.Equal(ExitCodes.BadData, code);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains($"{file}, row 3", error.ToString());
        Assert.Contains("abc", error.ToString());
    }

    [Fact]
    public async Task A_series_too_short_for_the_window_is_named()
    {
        var file = _dir.File("short.csv");
        var lines = new List<string> { "Date,Close" };
        lines.AddRange(Enumerable.Range(0, 30).Select(i => $"{new DateOnly(2020, 1, 1).AddDays(i):yyyy-MM-dd},{100 + i}"));
        await File.WriteAllLinesAsync(file, lines);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await BenchmarkRunner.RunAsync(SmallSynthetic("hs") with { DataFiles = [file] }, new CoreEngineExecutor(),
                CancellationToken.None, new TestConsole());
            Assert.Equal(ExitCodes.BadData, code);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("SHORT has 30 prices but a 250-return window needs at least 252", error.ToString());
    }

    [Fact]
    public void Command_line_options_parse_and_reject_bad_levels()
    {
        var root = RiskGridCli.Build();
        Assert.Empty(root.Parse(["benchmark", "--alpha", "0.95,0.99", "--models", "hs,normal", "--window", "500"]).Errors);
        Assert.Throws<ArgumentException>(() => OptionParsers.ParseLevels("alpha", ["0.95,1.5"]));
        Assert.Equal([0.95, 0.99], OptionParsers.ParseLevels("alpha", ["0.99", "0.95,0.99"]));
    }

    [Fact]
    public void Unknown_models_are_named_with_the_closest_known_one_before_any_work()
    {
        var ex = Assert.Throws<ArgumentException>(() => RunOptions.ModelNames(["hs,foo", "bar"]));
        Assert.Equal("--models: unknown models 'foo', 'bar'; riskgrid models lists them", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => RunOptions.ModelNames(["garch-tt"]));
        Assert.Equal("--models: unknown model 'garch-tt'; did you mean 'garch-t'?", ex.Message);
        Assert.Equal(["hs", "garch-t"], RunOptions.ModelNames(["hs", "garch-t,HS"]));
        Assert.Equal(Core.Models.ModelCatalog.Names, RunOptions.ModelNames(["all"]));
    }

    [Fact]
    public async Task A_wild_one_day_move_is_flagged_and_refused_when_asked()
    {
        var file = _dir.File("jump.csv");
        var lines = new List<string> { "Date,Close" };
        lines.AddRange(Enumerable.Range(0, 300).Select(i => $"{new DateOnly(2020, 1, 1).AddDays(i):yyyy-MM-dd},{(i == 280 ? 100e6 : 100 + (i % 7))}"));
        await File.WriteAllLinesAsync(file, lines);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var settings = SmallSynthetic("hs") with { DataFiles = [file] };
            Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
            Assert.Contains("warning: ", error.ToString());
            Assert.Contains("one-day move of +", error.ToString());
            Assert.Equal(ExitCodes.BadData, await BenchmarkRunner.RunAsync(settings with { RefuseMoves = true }, new CoreEngineExecutor(),
                CancellationToken.None, new TestConsole()));
            Assert.Contains("fails the data-quality check (--refuse-moves)", error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    [Fact]
    public async Task Esr_mc_gives_esr_strict_and_aux_their_mc_p_value_only_when_asked_and_is_recorded()
    {
        static List<string[]> EsrRows(string folder) =>
        [
            .. File.ReadAllLines(Path.Combine(folder, CsvResultsWriter.TestsFile)).Skip(1).Select(l => l.Split(','))
                .Where(c => c[3] is "esr-strict" or "esr-aux"),
        ];

        var plain = SmallSynthetic("normal") with { SyntheticDays = 600, OutputDirectory = _dir.File("plain") };
        var asked = plain with { EsrMonteCarlo = true, OutputDirectory = _dir.File("mc") };
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(plain, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(asked, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));

        var without = EsrRows(plain.OutputDirectory);
        var with = EsrRows(asked.OutputDirectory);
        Assert.NotEmpty(without);
        Assert.DoesNotContain(without, c => c[6] == "mc");
        var mc = with.Where(c => c[6] == "mc").ToList();
        // one mc p-value per defined result (at 99% the 350 days have too few tail points: undefined, no p-value at all)
        var defined = with.Where(c => c[6] == "chi2" && c[8].Length == 0).Select(c => (c[0], c[2], c[3])).ToList();
        Assert.Equal(3 * 2, defined.Count); // 3 instruments at 95% x (strict, aux)
        Assert.Equal(defined, mc.Select(c => (c[0], c[2], c[3])));
        Assert.Contains(mc, c => double.TryParse(c[7], CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 1);
        // the other p-values are the same with and without it
        Assert.Equal(without.Select(c => string.Join(',', c)), with.Where(c => c[6] != "mc").Select(c => string.Join(',', c)));

        Assert.Contains(asked.Configuration(), p => p.Key == "esr-mc" && p.Value == "true");
        Assert.Contains(plain.Configuration(), p => p.Key == "esr-mc" && p.Value == "false");
    }

    [Fact]
    public void Esr_mc_is_taken_on_either_engine_and_travels_to_the_grid_in_the_universe_settings()
    {
        var values = OptionValues.Defaults(BenchmarkSettings.Options).With(RunOptions.EsrMonteCarlo, true);
        var grid = BenchmarkSettings.From(values);
        Assert.Equal("grid", grid.Engine);
        Assert.True(grid.EsrMonteCarlo);
        Assert.True(BenchmarkSettings.From(values.With(RunOptions.Engine, "core")).EsrMonteCarlo);

        // what the grid executor defines the universe with, and what its pairs run the battery with
        var message = CoreMapping.ToSettings(grid.Rolling, grid.ModelSettings, grid.BacktestOptions);
        Assert.True(message.EsrMonteCarlo);
        Assert.True(message.ToBacktestOptions().EsrMonteCarlo);
        var plain = BenchmarkSettings.From(OptionValues.Defaults(BenchmarkSettings.Options));
        var without = CoreMapping.ToSettings(plain.Rolling, plain.ModelSettings, plain.BacktestOptions);
        Assert.False(without.EsrMonteCarlo);
        Assert.Same(BacktestOptions.Default, without.ToBacktestOptions());
        Assert.False(message.SameAs(without)); // a universe with prices does not switch silently
        Assert.EndsWith(", esr-mc", message.ToString());
    }
}
