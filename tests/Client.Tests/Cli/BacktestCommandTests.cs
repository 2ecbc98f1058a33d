using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Store;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Cli;

/// <summary><c>riskgrid backtest</c>: forecasts made elsewhere, backtested by the benchmark's catalogue.</summary>
public sealed class BacktestCommandTests(BacktestCommandTests.BenchmarkOutput benchmarkOutput) : IDisposable, IClassFixture<BacktestCommandTests.BenchmarkOutput>
{
    private static readonly string[] ResultFiles =
    [
        CsvResultsWriter.BacktestsFile, CsvResultsWriter.TestsFile, CsvResultsWriter.KeyResultsFile,
        CsvResultsWriter.KeyResultsTestsFile, CsvResultsWriter.ComparisonFile,
    ];

    private readonly TempFolder _dir = new("riskgrid-backtest-");

    public void Dispose() => _dir.Dispose();

    /// <summary>A small benchmark's output folder, run once for the class (two instruments; garch-t has PITs and
    /// volatilities, ewma volatilities, hs neither).</summary>
    public sealed class BenchmarkOutput : IAsyncLifetime
    {
        private readonly TempFolder _dir = new("riskgrid-backtest-benchmark-");

        public string Folder => _dir.File("benchmark");

        public async Task InitializeAsync()
        {
            var settings = new BenchmarkSettings
            {
                Models = ["hs", "garch-t", "ewma"],
                Rolling = new RollingOptions { Window = 250, Alphas = [0.975, 0.99] },
                SyntheticInstruments = 2,
                SyntheticDays = 520,
                OutputDirectory = Folder,
            };
            Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }

    private Task<string> BenchmarkAsync() => Task.FromResult(benchmarkOutput.Folder);

    // The rows of a tests file (the long tests file, the Key Results tests) but those of the law-based Monte Carlo p-values
    // (es-z1, McNeil–Frey, esr-intercept `mc`), which need the forecasts' predictive laws.
    private static List<string> WithoutLawPValues(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.Split(',') is var f && !(f.Contains(PValueMethods.MonteCarlo) && f.Any(x => x is EsZ1Backtest.TestName
            or McNeilFreyBacktest.RawName or McNeilFreyBacktest.StandardisedName or EsrInterceptBacktest.TestName)))];

    private BacktestSettings Settings(params string[] inputs) => new() { Inputs = inputs, OutputDirectory = _dir.File("backtest") };

    private static async Task<(int Code, string Error)> CliAsync(params string[] args)
    {
        var error = new StringWriter();
        var code = await RiskGridCli.RunAsync(args, error);
        return (code, error.ToString());
    }

    [Fact]
    public async Task Backtesting_the_benchmarks_own_forecasts_gives_the_benchmarks_numbers()
    {
        var benchmark = await BenchmarkAsync();

        var settings = Settings(Path.Combine(benchmark, CsvResultsWriter.ForecastsFile));
        Assert.Equal(ExitCodes.Ok, await BacktestCommand.RunAsync(settings, new TestConsole().Width(200)));

        // The same numbers, but for the law-based Monte Carlo p-values: the benchmark's forecasts carry their models'
        // predictive laws, a CSV of forecasts does not.
        foreach (var file in ResultFiles)
        {
            Assert.Equal(WithoutLawPValues(await File.ReadAllLinesAsync(Path.Combine(benchmark, file))),
                await File.ReadAllLinesAsync(Path.Combine(settings.OutputDirectory, file)));
        }

        Assert.Contains(await File.ReadAllLinesAsync(Path.Combine(benchmark, CsvResultsWriter.TestsFile)),
            l => l.StartsWith("SYN01,garch-t,0.975,es-z1,", StringComparison.Ordinal) && l.Split(',')[6] == PValueMethods.MonteCarlo);

        // The PIT and volatility tests ran (nothing made undefined for want of a column).
        var tests = await File.ReadAllLinesAsync(Path.Combine(settings.OutputDirectory, CsvResultsWriter.TestsFile));
        Assert.Contains(tests, l => l.StartsWith("SYN01,garch-t,0.99,berkowitz,", StringComparison.Ordinal) && l.Split(',')[7].Length > 0);
        Assert.DoesNotContain(tests, l => l.Contains("the input has no", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_levels_layout_of_one_model_per_file_gives_the_same_numbers()
    {
        var benchmark = await BenchmarkAsync();
        var rows = (await File.ReadAllLinesAsync(Path.Combine(benchmark, CsvResultsWriter.ForecastsFile))).Skip(1).Select(l => l.Split(','))
            .Where(c => c[0] == "SYN02" && c[3].Length > 0).ToList();
        // benchmark's long rows (one per level) → date,return,var_97.5,es_975,var_99,es_99,pit,volatility: one file per model.
        var inputs = new List<string>();
        foreach (var model in new[] { "hs", "garch-t", "ewma" })
        {
            var lines = new List<string> { "date,return,var_97.5,es_975,var_99,es_99,pit,volatility,comment" };
            foreach (var day in rows.Where(c => c[1] == model).GroupBy(c => c[3]))
            {
                var at = day.ToDictionary(c => c[4]);
                lines.Add(string.Join(',', day.Key, at["0.975"][9], at["0.975"][5], at["0.975"][6], at["0.99"][5], at["0.99"][6], at["0.99"][13], at["0.99"][8], "x"));
            }

            var file = _dir.File(model + ".csv");
            await File.WriteAllLinesAsync(file, lines);
            inputs.Add(file);
        }

        var settings = Settings([.. inputs]) with { Instruments = ["SYN02", "SYN02", "SYN02"] };
        Assert.Equal(ExitCodes.Ok, await BacktestCommand.RunAsync(settings, new TestConsole().Width(200)));

        string[] Lines(string folder, string file, string prefix) =>
            [.. File.ReadAllLines(Path.Combine(folder, file)).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
        Assert.Equal(Lines(benchmark, CsvResultsWriter.BacktestsFile, "SYN02,"), Lines(settings.OutputDirectory, CsvResultsWriter.BacktestsFile, "SYN02,"));
        Assert.Equal(WithoutLawPValues(Lines(benchmark, CsvResultsWriter.TestsFile, "SYN02,")), Lines(settings.OutputDirectory, CsvResultsWriter.TestsFile, "SYN02,"));
        Assert.Equal(1 + 3 * 2, File.ReadAllLines(Path.Combine(settings.OutputDirectory, CsvResultsWriter.ComparisonFile)).Length); // the three files' models compared
    }

    [Fact]
    public async Task Json_prints_every_test_result_and_parses()
    {
        var benchmark = await BenchmarkAsync();
        var console = new TestConsole();

        Assert.Equal(ExitCodes.Ok, await BacktestCommand.RunAsync(Settings(Path.Combine(benchmark, CsvResultsWriter.ForecastsFile)) with { Format = OutputFormat.Json }, console));

        using var json = JsonDocument.Parse(console.Output);
        var tests = json.RootElement.GetProperty("tests");
        // One entry per pair, level, test and p-value, as backtest-tests.csv.
        Assert.Equal(WithoutLawPValues(File.ReadAllLines(Path.Combine(benchmark, CsvResultsWriter.TestsFile))).Count - 1, tests.GetArrayLength());
        var kupiec = tests.EnumerateArray().First(t => t.GetProperty("test").GetString() == "kupiec" && t.GetProperty("model").GetString() == "garch-t");
        var csv = File.ReadLines(Path.Combine(benchmark, CsvResultsWriter.TestsFile)).First(l => l.StartsWith($"SYN01,garch-t,0.975,kupiec,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(double.Parse(csv[7], CultureInfo.InvariantCulture), kupiec.GetProperty("p_value").GetDouble());
        Assert.Equal(6, json.RootElement.GetProperty("key_results").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("model_comparison").GetArrayLength());
    }

    [Fact]
    public async Task A_run_is_recorded_with_the_input_files_hash_and_a_config_that_repeats_it()
    {
        var input = _dir.File("pnl.csv");
        await File.WriteAllLinesAsync(input, ["date,pnl,var_99", .. Enumerable.Range(0, 30).Select(i => $"{new DateOnly(2024, 1, 1).AddDays(i):yyyy-MM-dd},{(i % 7 == 0 ? -3 : 0.5)},2.5")]);
        var store = _dir.File("runs.db");

        Assert.Equal(ExitCodes.Ok, await BacktestCommand.RunAsync(Settings(input) with { StorePath = store }, new TestConsole()));

        using var runs = RunStore.Open(store);
        var run = runs.Get(runs.List()[0].Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(input))), run.DatasetHash);
        Assert.Equal(BacktestCommand.Executor, run.Executor);
        Assert.Equal("pnl", Assert.Single(run.KeyResults).Model);
        Assert.Equal(5, run.KeyResults[0].Exceptions); // days 0, 7, 14, 21, 28 lose 3 > 2.5
        Assert.Contains(run.Artifacts, a => a.Kind == "input");
        Assert.Contains(run.Parameters, p => p.Name == "input" && p.Value == Path.GetFullPath(input));
        Assert.Contains(run.Parameters, p => p.Name == "alpha" && p.Value == "0.99");
        Assert.Equal("backtest", RunExport.CommandOf(run));
        // Tests the input cannot feed say why.
        var esz2 = run.Backtests[0].Summary.Test("es-z2");
        Assert.Equal("the input has no ES column at this level", esz2.Undefined);
        Assert.Equal("the input has no pit column", run.Backtests[0].Summary.Test("berkowitz").Undefined);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "date,var_99\n2024-01-02,2\n", "row 1: no 'return' (or 'pnl') column" },
        { "date,return\n2024-01-02,1\n", "row 1: no VaR column" },
        { "date,return,var_99\n2024-01-02,1,2\n2024-01-03,1,abc\n", "row 3: var_99: cannot parse number 'abc'" },
        { "date,return,var_99\n2024-01-02,1,2\n2024-01-03,NaN,2\n", "row 3: return is NaN" },
        { "date,return,var_99\n2024-01-02,1,2\n2024-01-03,1,2\n2024-01-03,1,2\n", "row 4: duplicate date 2024-01-03" },
        { "date,return,var_99\n2024-01-03,1,2\n2024-01-02,1,2\n", "row 3: dates not increasing: 2024-01-02 follows 2024-01-03" },
        { "date,return,var_99,es_99\n2024-01-02,1,2,3\n2024-01-03,1,2,\n", "row 3: es_99 is empty" },
        { "date,return,var_99\n2024-01-02,,2\n", "row 2: return is empty" },
        { "date,return,var_99\n2024-01-02,1\n", "row 2: expected 3 fields as in the header, found 2" },
        { "date,return,var_5\n2024-01-02,1,2\n", "row 1: var_5: level 50% is not above 50%" },
        { "date,return,var_99,pit\n2024-01-02,1,2,1.5\n", "row 2: pit must be in [0, 1]" },
        { "date,return,var_99\n2024-01-02,1,-2\n2024-01-03,1,-2\n", "var_99 < 0 on 2 of 2 days" },
        { "date,model,return,var_99\n2024-01-02,a,1,2\n2024-01-02,b,1,2\n2024-01-02,a,1,2\n", "row 4: duplicate date 2024-01-02 for model a (also on row 2)" },
        { "date,return,var_99\n", "no data rows after the header" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_input_is_exit_code_3_naming_the_file_row_and_column(string text, string expected)
    {
        var file = _dir.File("bad.csv");
        await File.WriteAllTextAsync(file, text);

        var (code, error) = await CliAsync("backtest", "--input", file, "--no-store", "--out", _dir.File("out"));

        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains($"{file}", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error); // no stack trace
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.True(line.Replace(file, "bad.csv", StringComparison.Ordinal).Length <= 80, line); // fits 80 columns, but for a long path
    }

    [Fact]
    public async Task Negative_var_columns_are_read_as_return_quantiles_when_asked()
    {
        var file = _dir.File("quantiles.csv");
        await File.WriteAllTextAsync(file, "date,return,var_99\n2024-01-02,-3,-2\n2024-01-03,1,-2\n");

        var (code, error) = await CliAsync("backtest", "--input", file, "--var-sign", "return", "--no-store", "--out", _dir.File("out"), "--format", "csv");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("error", error);
        var backtests = File.ReadAllLines(Path.Combine(_dir.File("out"), CsvResultsWriter.BacktestsFile));
        Assert.Equal("1", backtests[1].Split(',')[5]); // the −3 day is one exception beyond a VaR of 2
    }

    [Fact]
    public async Task Files_whose_levels_differ_or_that_repeat_a_series_are_refused()
    {
        var a = _dir.File("a.csv");
        var b = _dir.File("b.csv");
        await File.WriteAllTextAsync(a, "date,return,var_99,var_975\n2024-01-02,1,2,1.5\n");
        await File.WriteAllTextAsync(b, "date,return,var_99\n2024-01-02,1,2\n");

        var (code, error) = await CliAsync("backtest", "--input", a, b, "--no-store", "--out", _dir.File("out"));
        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains("has levels 99%", error);
        Assert.Contains("--alpha", error);

        Assert.Equal(ExitCodes.Ok, (await CliAsync("backtest", "--input", a, b, "--alpha", "0.99", "--no-store", "--out", _dir.File("out"))).Code);

        (code, error) = await CliAsync("backtest", "--input", a, b, "--model", "m,m", "--alpha", "0.99", "--no-store", "--out", _dir.File("out"));
        Assert.Equal(ExitCodes.BadArguments, code); // one name for two files (the list is distinct)
        Assert.Contains("--model: 1 name(s) for 2 --input file(s)", error);

        var c = _dir.File("sub");
        Directory.CreateDirectory(c);
        await File.WriteAllTextAsync(Path.Combine(c, "a.csv"), "date,return,var_99\n2024-01-02,1,2\n");
        (code, error) = await CliAsync("backtest", "--input", a, Path.Combine(c, "a.csv"), "--alpha", "0.99", "--no-store", "--out", _dir.File("out"));
        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains("input a is also in", error);
    }

    [Fact]
    public async Task A_missing_input_option_or_file_is_a_clear_error()
    {
        var (code, error) = await CliAsync("backtest", "--no-store");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--input is required", error);

        (code, error) = await CliAsync("backtest", "--input", _dir.File("none.csv"), "--no-store", "--out", _dir.File("out"));
        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains("file not found", error);

        (code, error) = await CliAsync("backtest", "--input", _dir.Path, "--no-store", "--out", _dir.File("out"));
        Assert.Equal(ExitCodes.BadData, code);
        Assert.Contains("is a directory", error);
    }

    [Fact]
    public async Task Esr_mc_on_forecasts_from_a_file_is_refused_because_a_csv_has_no_laws()
    {
        var input = _dir.File("plain.csv");
        await File.WriteAllTextAsync(input, "date,return,var_99,es_99\n2024-01-02,1,2,3\n");

        var (code, error) = await CliAsync("backtest", "--input", input, "--esr-mc", "--no-store", "--out", _dir.File("out"));

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--esr-mc needs each forecast's predictive law", error);
        Assert.False(Directory.Exists(_dir.File("out")));
    }
}
