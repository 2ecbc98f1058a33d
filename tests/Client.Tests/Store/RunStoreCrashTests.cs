using Microsoft.Data.Sqlite;
using RiskGrid.Client.Store;
using RiskGrid.Client.Tests.TestSupport;

namespace RiskGrid.Client.Tests.Store;

/// <summary>The run store under SIGKILL: the CLI killed mid-run, and killed while its write transaction is open.</summary>
public sealed class RunStoreCrashTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_killed_benchmark_leaves_the_store_readable_and_without_its_partial_run()
    {
        var store = _dir.File("runs.db");
        string[] small = ["benchmark", "--instruments", "2", "--days", "400", "--window", "250", "--models", "hs,normal", "--store", store];

        // 1. A completed run.
        var (code, stdout, stderr) = await CliProcess.RunAsync(Timeout, [.. small, "--out", _dir.File("done")]);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("Recorded as run 1", stdout);

        // 2. Killed while forecasting: the default synthetic universe (20 × 1,500 days, five models) runs
        //    for tens of seconds; it dies at its first progress line.
        using (var forecasting = CliProcess.Start(["benchmark", "--store", store, "--out", _dir.File("killed-run")]))
        {
            await forecasting.WaitForAsync("progress:", Timeout);
            forecasting.Kill();
        }

        // 3. Killed inside the store's write transaction (the run itself finished; the test hook holds the
        //    transaction open after every row is inserted, before the commit).
        using (var writing = CliProcess.Start([.. small, "--out", _dir.File("killed-write")],
                   new Dictionary<string, string> { [RunStore.PauseVariable] = "120000" }))
        {
            await writing.WaitForAsync("store: holding the write transaction open", Timeout);
            Assert.True(File.Exists(store + "-wal"), "the open transaction should have pages in the write-ahead log");
            writing.Kill();
        }

        // The store opens, passes SQLite's integrity check, and holds exactly the completed run.
        using (var connection = new SqliteConnection($"Data Source={store};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
            foreach (var table in new[] { "run_parameters", "model_metrics", "pair_backtests", "artifacts" })
            {
                using var orphans = connection.CreateCommand();
                orphans.CommandText = $"SELECT COUNT(*) FROM {table} WHERE run_id <> 1";
                Assert.Equal(0L, orphans.ExecuteScalar());
            }
        }

        using (var opened = RunStore.Open(store))
        {
            var run = Assert.Single(opened.List());
            Assert.Equal(1, run.Id);
            Assert.Equal(4, opened.Get(1).KeyResults.Count);
        }

        // And it takes the next run normally (no stale lock): id 2, since the killed write never committed.
        (code, stdout, stderr) = await CliProcess.RunAsync(Timeout, [.. small, "--out", _dir.File("after")]);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("Recorded as run 2", stdout);
    }

    [Fact]
    public async Task Runs_commands_print_tables_and_name_a_missing_run_and_store()
    {
        var store = _dir.File("runs.db");
        var (code, stdout, stderr) = await CliProcess.RunAsync(Timeout, "runs", "list", "--store", store);
        Assert.True(code == 0, stderr);
        Assert.Contains("No runs recorded", stdout);

        (code, _, stderr) = await CliProcess.RunAsync(Timeout, "runs", "show", "3", "--store", store);
        Assert.Equal(4, code);
        Assert.Contains($"no run store at {store}", stderr);

        (code, stdout, stderr) = await CliProcess.RunAsync(Timeout, "benchmark", "--instruments", "1", "--days", "300", "--window", "250",
            "--models", "hs", "--store", store, "--out", _dir.File("out"));
        Assert.True(code == 0, $"{stdout}\n{stderr}");

        (code, stdout, _) = await CliProcess.RunAsync(Timeout, "runs", "list", "--store", store);
        Assert.Equal(0, code);
        Assert.Contains("hs", stdout);
        Assert.Contains("Runs", stdout);

        (code, stdout, _) = await CliProcess.RunAsync(Timeout, "runs", "show", "1", "--store", store);
        Assert.Equal(0, code);
        Assert.Contains("Key Results", stdout);

        (code, stdout, _) = await CliProcess.RunAsync(Timeout, "runs", "compare", "1", "1", "--store", store);
        Assert.Equal(0, code);
        Assert.Contains("Same data set", stdout);

        (code, _, stderr) = await CliProcess.RunAsync(Timeout, "runs", "show", "999", "--store", store);
        Assert.Equal(4, code);
        Assert.Contains($"error: no run 999 in {store}", stderr);
    }
}
