using Microsoft.Data.Sqlite;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Store;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Store;

public sealed class RunStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private BenchmarkSettings Small(string name, int seed, params string[] models) => new()
    {
        Models = models,
        Rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] },
        SyntheticInstruments = 2,
        SyntheticDays = 400,
        SyntheticSeed = seed,
        OutputDirectory = _dir.File(name),
        StorePath = _dir.File("runs.db"),
    };

    [Fact]
    public void A_recorded_run_reads_back_field_for_field_with_NaN_statistics_intact()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 300 });
        var runs = RollingEngine.Run(universe, ["hs", "normal"], new RollingOptions { Window = 250, Alphas = [0.95, 0.99] });
        var report = BenchmarkReport.Build(runs, [0.95, 0.99]);
        Assert.Contains(report.Backtests, b => double.IsNaN(b.Summary.Test(DurationBacktest.TestName).PValue)); // few exceptions: some tests undefined
        var record = new RunRecord(0, DateTimeOffset.Parse("2024-05-01T10:00:00Z"), DateTimeOffset.Parse("2024-05-01T10:00:03Z"),
            TimeSpan.FromSeconds(2.5), "core engine", "1.0.0+abc", DatasetHash.Of(universe), "synthetic", 2, runs.Count,
            [new RunParameter("models", "hs,normal"), new RunParameter("window", "250")], report.KeyResults, report.Backtests,
            [new RunArtifact("csv", "/x/forecasts.csv"), new RunArtifact("report", "/x/report.html")])
        {
            Comparison = report.Ranking,
        };
        Assert.NotEmpty(record.Comparison);

        long id;
        using (var store = RunStore.Open(_dir.File("runs.db")))
        {
            id = store.Add(record);
        }

        using var reopened = RunStore.Open(_dir.File("runs.db"));
        var back = reopened.Get(id);
        Assert.Equal(record with { Id = id, Parameters = [], KeyResults = [], Backtests = [], Artifacts = [], Tags = [], Comparison = [] },
            back with { Parameters = [], KeyResults = [], Backtests = [], Artifacts = [], Tags = [], Comparison = [] });
        Assert.Equal(record.Comparison, back.Comparison); // the MCS and DM counts of both losses, NaN FZ0 means intact
        Assert.Equal(record.Parameters, back.Parameters);
        Assert.Equal(record.KeyResults, back.KeyResults);
        Assert.Equal(record.Backtests, back.Backtests); // records compare doubles with Equals, so NaN == NaN
        Assert.Equal(record.Artifacts, back.Artifacts);
        var summary = Assert.Single(reopened.List());
        Assert.Equal((id, "hs,normal", 2, runs.Count), (summary.Id, summary.Models, summary.Instruments, summary.Pairs));
    }

    [Fact]
    public void A_schema_1_store_migrates_its_named_test_columns_into_the_catalogue_tables_unchanged()
    {
        var path = _dir.File("v1.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = RunStoreSchema.Migrations[0] + """
                PRAGMA user_version = 1;
                INSERT INTO runs VALUES (1, '2024-05-01T10:00:00.0000000+00:00', '2024-05-01T10:00:03.0000000+00:00', 2.5, 'core engine', 'v', 'h', 'd', 1, 1);
                INSERT INTO model_metrics VALUES (1, 0, 'hs', 0.99, 1, 250, 0, 1, 0.004, 0.4, 0.21, 0, 0.33, 2.5, 0.6, 0.041, 1, 0, 0);
                INSERT INTO pair_backtests VALUES (1, 0, 'A', 'hs', 0.99, 250, 0, 1, 0.004, 0.4,
                    1.9, 0.21, 1, 0.008, 0.93, 1, 1.908, 0.39, 2, NULL, NULL, 1, 2.1, 2.5, 0.6, 0.55, 0.041, 'green', 1, 250);
                """;
            command.ExecuteNonQuery();
        }

        using var store = RunStore.Open(path);
        var run = store.Get(1);
        var s = Assert.Single(run.Backtests).Summary;
        Assert.Equal((250, 1, 2.1, 2.5, 0.041), (s.Observations, s.Exceptions, s.AverageVaR, s.AverageES, s.QuantileLoss));
        Assert.Equal(
        [
            new TestResult(KupiecBacktest.TestName, 1.9, 1, [new PValue(PValueMethods.ChiSquared, 0.21)], null),
            new TestResult(IndependenceBacktest.TestName, 0.008, 1, [new PValue(PValueMethods.ChiSquared, 0.93)], null),
            new TestResult(ConditionalCoverageBacktest.TestName, 1.908, 2, [new PValue(PValueMethods.ChiSquared, 0.39)], null),
            new TestResult(DurationBacktest.TestName, double.NaN, 1, [new PValue(PValueMethods.ChiSquared, double.NaN)], "fewer than two exceptions"),
            new TestResult(EsZ2Backtest.TestName, 0.6, 0, [new PValue(PValueMethods.Resampled, 0.55)], null),
        ], s.Tests);
        var row = Assert.Single(run.KeyResults);
        Assert.Equal((0.21, 0, 0.33, 0.6), (row.MedianPValue(KupiecBacktest.TestName), row.Rejections(KupiecBacktest.TestName),
            row.MedianPValue(ConditionalCoverageBacktest.TestName), row.MeanStatistic(EsZ2Backtest.TestName)));
        Assert.Equal((2.5, 0.041, 1), (row.AverageES, row.QuantileLoss, row.Green));
    }

    [Fact]
    public async Task Benchmark_runs_are_recorded_with_parameters_hash_code_version_and_artifacts_then_listed_and_compared()
    {
        var first = Small("a", 1, "hs", "normal");
        var second = Small("b", 2, "hs", "ewma") with { Rolling = first.Rolling with { Window = 300 } };
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(first, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(second, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));

        using var store = RunStore.Open(first.StorePath!);
        var list = store.List();
        Assert.Equal([2L, 1L], list.Select(r => r.Id));
        var run = store.Get(1);
        Assert.Equal("core engine", run.Executor);
        Assert.Equal(CodeVersion.Current, run.CodeVersion);
        Assert.Equal(DatasetHash.Of(DataSources.Load(first)), run.DatasetHash);
        Assert.Equal(64, run.DatasetHash.Length);
        Assert.Equal((2, 4), (run.Instruments, run.Pairs));
        Assert.Equal("hs,normal", run.Parameters.Single(p => p.Name == "models").Value);
        Assert.Equal("1", run.Parameters.Single(p => p.Name == "seed").Value);
        Assert.Equal(2 * 2, run.KeyResults.Count);
        Assert.Equal(2 * 2 * 2, run.Backtests.Count);
        // The store's own copies, named as in the output folder.
        Assert.Contains(run.Artifacts, a => a.Kind == "report" && a.Name == "report.html" && File.Exists(a.Path));
        Assert.Equal(8, run.Artifacts.Count(a => a.Kind == "csv" && File.Exists(a.Path)));
        Assert.True(run.Artifacts.Count(a => a.Kind == "plot") >= 3);
        Assert.True(run.FinishedUtc >= run.StartedUtc);

        var shown = new TestConsole().Width(250);
        RunsTables.Show(shown, run);
        Assert.Contains("Key Results", shown.Output);
        Assert.Contains(run.DatasetHash, shown.Output);
        Assert.Contains("--window", shown.Output);

        var listed = new TestConsole().Width(250);
        RunsTables.List(listed, store, 10);
        Assert.Contains("hs,ewma", listed.Output);
        Assert.Contains(run.DatasetHash[..12], listed.Output);

        var compared = new TestConsole().Width(250);
        RunsTables.Compare(compared, run, store.Get(2));
        var text = compared.Output;
        Assert.Contains("Different data sets", text);
        Assert.Contains("--window", text); // 250 vs 300 differs
        Assert.Contains("--seed", text);
        Assert.Contains("ewma", text);     // a model in B only still gets its row
        Assert.Contains("normal", text);
    }

    [Fact]
    public void The_same_prices_hash_the_same_whatever_the_order_and_any_change_shows()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 3, Days = 50 });
        var again = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 3, Days = 50 });
        Assert.Equal(DatasetHash.Of(universe), DatasetHash.Of(again));
        Assert.Equal(DatasetHash.Of(universe), DatasetHash.Of(universe.Reverse()));

        var bars = universe[1].Bars.ToArray();
        bars[10] = bars[10] with { Close = bars[10].Close * (1 + 1e-12) };
        var changed = new[] { universe[0], PriceSeries.Create(universe[1].Instrument, "x", bars), universe[2] };
        Assert.NotEqual(DatasetHash.Of(universe), DatasetHash.Of(changed));
        Assert.NotEqual(DatasetHash.Of(universe), DatasetHash.Of(universe.Take(2)));

        // Pinned: stored hashes must stay comparable across versions, so the encoding may never change.
        var pinned = PriceSeries.Create("ABC", "x", [PriceBar.FromClose(new DateOnly(2020, 1, 2), 100), new PriceBar(new DateOnly(2020, 1, 3), 100, 102, 99, 101.5)]);
        Assert.Equal(PinnedHash, DatasetHash.Of([pinned]));
    }

    [Fact]
    public void A_missing_run_a_foreign_file_and_a_newer_schema_are_clear_errors()
    {
        using (var store = RunStore.Open(_dir.File("runs.db")))
        {
            var missing = Assert.Throws<RunStoreException>(() => store.Get(999));
            Assert.Equal($"no run 999 in {store.Path}", missing.Message);
        }

        File.WriteAllText(_dir.File("notes.txt"), "this is not a database, just some text that is long enough to have a header");
        var foreign = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir.File("notes.txt")));
        Assert.Contains("notes.txt is not a usable RiskGrid run store", foreign.Message);

        using (var connection = new SqliteConnection($"Data Source={_dir.File("other.db")};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE t (x)";
            create.ExecuteNonQuery();
        }

        Assert.Contains("not a RiskGrid run store", Assert.Throws<RunStoreException>(() => RunStore.Open(_dir.File("other.db"))).Message);

        using (var connection = new SqliteConnection($"Data Source={_dir.File("runs.db")};Pooling=False"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "PRAGMA user_version = 99";
            bump.ExecuteNonQuery();
        }

        var newer = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir.File("runs.db")));
        Assert.Contains("schema version 99, newer than this riskgrid understands", newer.Message);
    }

    // Computed independently (Python hashlib over the documented encoding), not copied from this code's output.
    private const string PinnedHash = "c979b62d0eb21a3c3f844e0ab566d49ab0c22420c705b9f0938594f3fc1a1cbc";
}
