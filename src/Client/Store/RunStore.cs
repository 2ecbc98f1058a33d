using System.Globalization;
using Microsoft.Data.Sqlite;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Store;

/// <summary>
/// The embedded record of benchmark runs (one SQLite file). A run is written whole, in one
/// transaction, once it has finished: a process killed before or during that write leaves the store
/// as it was (SQLite's write-ahead log rolls the open transaction back on the next open). The schema
/// is versioned (<c>PRAGMA user_version</c>) and migrated forward on open.
/// </summary>
public sealed class RunStore : IDisposable
{
    /// <summary>Test hook: milliseconds to hold the write transaction open before committing, so a
    /// test can kill the process mid-write. Never set in normal use.</summary>
    public const string PauseVariable = "RISKGRID_TEST_STORE_PAUSE_MS";

    private readonly SqliteConnection _connection;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and its folder) when absent.</summary>
    public static RunStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
            Migrate(connection, full);
            return new RunStore(full, connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new RunStoreException($"{full} is not a usable RiskGrid run store: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Throws when the store cannot be written (a read-only file or folder, a lock held elsewhere),
    /// so a benchmark finds out before its computation rather than after.</summary>
    public void CheckWritable()
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Run("CREATE TABLE IF NOT EXISTS write_check (x INTEGER)");
        Run("DROP TABLE write_check");
        transaction.Rollback();
    }

    /// <summary>Records a finished run in one transaction; returns its id.</summary>
    public long Add(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var transaction = _connection.BeginTransaction();
        long id;
        using (var insert = Command(
                   "INSERT INTO runs (started_utc, finished_utc, elapsed_seconds, executor, code_version, dataset_hash, dataset, instruments, pairs) " +
                   "VALUES ($started, $finished, $elapsed, $executor, $code, $hash, $dataset, $instruments, $pairs) RETURNING id",
                   ("$started", Timestamp(run.StartedUtc)), ("$finished", Timestamp(run.FinishedUtc)), ("$elapsed", run.Elapsed.TotalSeconds),
                   ("$executor", run.Executor), ("$code", run.CodeVersion), ("$hash", run.DatasetHash), ("$dataset", run.Dataset),
                   ("$instruments", run.Instruments), ("$pairs", run.Pairs)))
        {
            id = (long)insert.ExecuteScalar()!;
        }

        for (var i = 0; i < run.Parameters.Count; i++)
        {
            var p = run.Parameters[i];
            Run("INSERT INTO run_parameters VALUES ($id, $position, $name, $value)",
                ("$id", id), ("$position", i), ("$name", p.Name), ("$value", p.Value));
        }

        for (var i = 0; i < run.KeyResults.Count; i++)
        {
            var r = run.KeyResults[i];
            Run("INSERT INTO model_metrics VALUES ($id, $position, $model, $alpha, $instruments, $observations, $missing, $exceptions, " +
                "$rate, $ratio, $es, $loss, $green, $yellow, $red)",
                ("$id", id), ("$position", i), ("$model", r.Model), ("$alpha", r.Alpha), ("$instruments", r.Instruments),
                ("$observations", r.Observations), ("$missing", r.MissingForecasts), ("$exceptions", r.Exceptions),
                ("$rate", r.ExceptionRate), ("$ratio", r.ViolationRatio), ("$es", r.AverageES), ("$loss", r.QuantileLoss),
                ("$green", r.Green), ("$yellow", r.Yellow), ("$red", r.Red));
            for (var j = 0; j < r.Tests.Count; j++)
            {
                var t = r.Tests[j];
                Run("INSERT INTO model_tests VALUES ($id, $position, $testPosition, $test, $method, $stat, $p, $rejections)",
                    ("$id", id), ("$position", i), ("$testPosition", j), ("$test", t.Test), ("$method", t.Method),
                    ("$stat", t.MeanStatistic), ("$p", t.MedianPValue), ("$rejections", t.Rejections));
            }
        }

        for (var i = 0; i < run.Backtests.Count; i++)
        {
            var b = run.Backtests[i];
            var s = b.Summary;
            Run("INSERT INTO pair_backtests VALUES ($id, $position, $instrument, $model, $alpha, $observations, $missing, $exceptions, " +
                "$rate, $ratio, $var, $es, $loss, $zone, $zoneExceptions, $zoneDays)",
                ("$id", id), ("$position", i), ("$instrument", b.Instrument), ("$model", b.Model), ("$alpha", s.Alpha),
                ("$observations", s.Observations), ("$missing", s.MissingForecasts), ("$exceptions", s.Exceptions),
                ("$rate", s.ExceptionRate), ("$ratio", s.ViolationRatio),
                ("$var", s.AverageVaR), ("$es", s.AverageES), ("$loss", s.QuantileLoss),
                ("$zone", s.TrafficLight.Zone.ToString().ToLowerInvariant()), ("$zoneExceptions", s.TrafficLight.Exceptions),
                ("$zoneDays", s.TrafficLight.Days));
            for (var j = 0; j < s.Tests.Count; j++)
            {
                var t = s.Tests[j];
                // A test without p-values is one row with an empty method and a NULL p-value.
                var pValues = t.PValues.Count > 0 ? t.PValues : [new PValue(string.Empty, double.NaN)];
                for (var k = 0; k < pValues.Count; k++)
                {
                    Run("INSERT INTO pair_tests VALUES ($id, $position, $testPosition, $pPosition, $test, $stat, $dof, $method, $p, $undefined)",
                        ("$id", id), ("$position", i), ("$testPosition", j), ("$pPosition", k), ("$test", t.Test),
                        ("$stat", t.Statistic), ("$dof", t.DegreesOfFreedom), ("$method", pValues[k].Method), ("$p", pValues[k].Value),
                        ("$undefined", (object?)t.Undefined ?? DBNull.Value));
                }
            }
        }

        for (var i = 0; i < run.Comparison.Count; i++)
        {
            var r = run.Comparison[i];
            Run("INSERT INTO model_comparison VALUES ($id, $position, 'tick', $model, $alpha, $instruments, $rank, $loss, $best, $worse, $in10, $in25)",
                ("$id", id), ("$position", i), ("$model", r.Model), ("$alpha", r.Alpha), ("$instruments", r.Instruments), ("$rank", r.MeanRank),
                ("$loss", r.MeanQuantileLoss), ("$best", r.Best), ("$worse", r.SignificantlyWorseThanBest),
                ("$in10", r.InConfidenceSet10), ("$in25", r.InConfidenceSet25));
            Run("INSERT INTO model_comparison VALUES ($id, $position, 'fz0', $model, $alpha, $instruments, $rank, $loss, $best, $worse, $in10, $in25)",
                ("$id", id), ("$position", i), ("$model", r.Model), ("$alpha", r.Alpha), ("$instruments", r.Fz0Instruments), ("$rank", r.MeanFz0Rank),
                ("$loss", r.MeanFz0Loss), ("$best", r.Fz0Best), ("$worse", r.Fz0SignificantlyWorseThanBest),
                ("$in10", r.Fz0InConfidenceSet10), ("$in25", r.Fz0InConfidenceSet25));
        }

        InsertArtifacts(id, run.Artifacts);
        PauseForTest();
        transaction.Commit();
        return id;
    }

    /// <summary>Recorded runs, newest first.</summary>
    public IReadOnlyList<RunSummary> List(int limit = int.MaxValue)
    {
        using var command = Command(
            "SELECT r.id, r.started_utc, r.elapsed_seconds, r.executor, r.code_version, r.dataset_hash, r.dataset, r.instruments, r.pairs, " +
            // A backtest of forecasts from files names no models among its options: its Key Results rows do.
            "COALESCE((SELECT value FROM run_parameters WHERE run_id = r.id AND name = 'models'), " +
            "(SELECT group_concat(model, ',') FROM (SELECT model FROM model_metrics WHERE run_id = r.id GROUP BY model ORDER BY MIN(position))), ''), " +
            "COALESCE((SELECT value FROM run_parameters WHERE run_id = r.id AND name = 'alpha'), ''), " +
            "(SELECT COUNT(*) FROM pair_backtests WHERE run_id = r.id AND zone = 'red'), " +
            "COALESCE((SELECT group_concat(tag, ',') FROM (SELECT tag FROM run_tags WHERE run_id = r.id ORDER BY tag)), '') " +
            "FROM runs r ORDER BY r.id DESC LIMIT $limit", ("$limit", limit));
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read())
        {
            runs.Add(new RunSummary(reader.GetInt64(0), ParseTimestamp(reader.GetString(1)), TimeSpan.FromSeconds(reader.GetDouble(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.GetString(9), reader.GetString(10), reader.GetInt32(11)) { Tags = reader.GetString(12) });
        }

        return runs;
    }

    /// <summary>The run with id <paramref name="id"/>; throws <see cref="RunStoreException"/> "no run ID in STORE" when absent.</summary>
    public RunRecord Get(long id) => Find(id) ?? throw new RunStoreException($"no run {id} in {Path}");

    /// <summary>The run with id <paramref name="id"/>, or null.</summary>
    public RunRecord? Find(long id)
    {
        RunRecord run;
        using (var command = Command(
                   "SELECT started_utc, finished_utc, elapsed_seconds, executor, code_version, dataset_hash, dataset, instruments, pairs " +
                   "FROM runs WHERE id = $id", ("$id", id)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            run = new RunRecord(id, ParseTimestamp(reader.GetString(0)), ParseTimestamp(reader.GetString(1)),
                TimeSpan.FromSeconds(reader.GetDouble(2)), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8), [], [], [], []);
        }

        return run with
        {
            Parameters = Read("SELECT name, value FROM run_parameters WHERE run_id = $id ORDER BY position", id,
                r => new RunParameter(r.GetString(0), r.GetString(1))),
            KeyResults = WithTests(Read(
                "SELECT model, alpha, instruments, observations, missing, exceptions, exception_rate, violation_ratio, " +
                "avg_es, quantile_loss, green, yellow, red FROM model_metrics WHERE run_id = $id ORDER BY position",
                id, r => new KeyResultsRow(r.GetString(0), r.GetDouble(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                    Real(r, 6), Real(r, 7), Real(r, 8), Real(r, 9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), [])), id),
            Backtests = WithTests(Read(
                "SELECT instrument, model, alpha, observations, missing, exceptions, exception_rate, violation_ratio, " +
                "avg_var, avg_es, quantile_loss, zone, zone_exceptions, zone_days " +
                "FROM pair_backtests WHERE run_id = $id ORDER BY position",
                id, r => new PairBacktest(r.GetString(0), r.GetString(1), new BacktestSummary(
                    r.GetDouble(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), Real(r, 6), Real(r, 7),
                    Real(r, 8), Real(r, 9), Real(r, 10),
                    new TrafficLight(Enum.Parse<TrafficLightZone>(r.GetString(11), ignoreCase: true), r.GetInt32(12), r.GetInt32(13)), []))), id),
            Artifacts = Read("SELECT kind, path, name, sha256 FROM artifacts WHERE run_id = $id ORDER BY position", id,
                r => new RunArtifact(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))),
            Tags = Read("SELECT tag FROM run_tags WHERE run_id = $id ORDER BY tag", id, r => r.GetString(0)),
            Comparison = ReadComparison(id),
        };
    }

    /// <summary>The model comparison rows, each from its tick and FZ0 rows of the long table.</summary>
    private IReadOnlyList<ModelRankingRow> ReadComparison(long id)
    {
        var rows = Read("SELECT position, loss, model, alpha, instruments, mean_rank, mean_loss, best_on, worse_than_best, in_mcs_10, in_mcs_25 " +
                        "FROM model_comparison WHERE run_id = $id ORDER BY position, loss DESC", id,
            r => (Position: r.GetInt32(0), Loss: r.GetString(1), Model: r.GetString(2), Alpha: r.GetDouble(3), N: r.GetInt32(4),
                Rank: Real(r, 5), Value: Real(r, 6), Best: r.GetInt32(7), Worse: r.GetInt32(8), In10: r.GetInt32(9), In25: r.GetInt32(10)));
        return [.. rows.GroupBy(r => r.Position).Select(g =>
        {
            var tick = g.Single(r => r.Loss == "tick");
            var fz0 = g.Single(r => r.Loss == "fz0");
            return new ModelRankingRow(tick.Model, tick.Alpha, tick.N, tick.Rank, tick.Value, tick.Best, tick.Worse, fz0.Rank, fz0.Value, fz0.N, fz0.Worse)
            {
                InConfidenceSet10 = tick.In10,
                InConfidenceSet25 = tick.In25,
                Fz0Best = fz0.Best,
                Fz0InConfidenceSet10 = fz0.In10,
                Fz0InConfidenceSet25 = fz0.In25,
            };
        })];
    }

    /// <summary>The folder the store keeps the runs' files in, content-addressed: beside the store file, <c>NAME.artifacts/</c>.</summary>
    public string ArtifactFolder => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileNameWithoutExtension(Path) + ".artifacts");

    /// <summary>
    /// Copies each file into <see cref="ArtifactFolder"/> under its SHA-256 (a file already there is not copied again) and
    /// returns the artifacts pointing at those copies, named relative to <paramref name="outputFolder"/> (files outside it,
    /// like cached raw answers, by kind and file name). Throws <see cref="RunStoreException"/> when a copy fails.
    /// </summary>
    public IReadOnlyList<RunArtifact> Keep(IEnumerable<RunArtifact> artifacts, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        var root = System.IO.Path.GetFullPath(outputFolder);
        var kept = new List<RunArtifact>();
        try
        {
            Directory.CreateDirectory(ArtifactFolder);
            foreach (var a in artifacts)
            {
                var source = System.IO.Path.GetFullPath(a.Path);
                string hash;
                using (var stream = File.OpenRead(source))
                {
                    hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
                }

                var copy = System.IO.Path.Combine(ArtifactFolder, hash);
                if (!File.Exists(copy))
                {
                    File.Copy(source, copy + ".tmp", overwrite: true);
                    File.Move(copy + ".tmp", copy, overwrite: true);
                }

                var relative = System.IO.Path.GetRelativePath(root, source);
                var name = relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative)
                    ? $"{a.Kind}/{System.IO.Path.GetFileName(source)}"
                    : relative.Replace('\\', '/');
                kept.Add(new RunArtifact(a.Kind, copy, name, hash));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException($"cannot keep the run's files in {ArtifactFolder}: {ex.Message}", ex);
        }

        return kept;
    }

    /// <summary>Replaces a run's artifacts (e.g. with the copies <see cref="Keep"/> made).</summary>
    public void SetArtifacts(long id, IReadOnlyList<RunArtifact> artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        using var transaction = _connection.BeginTransaction();
        Run("DELETE FROM artifacts WHERE run_id = $id", ("$id", id));
        InsertArtifacts(id, artifacts);
        transaction.Commit();
    }

    /// <summary>Adds tags to a run (a tag it has already is kept once); throws <see cref="RunStoreException"/> for no such run.</summary>
    public void Tag(long id, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _ = Get(id);
        using var transaction = _connection.BeginTransaction();
        foreach (var tag in tags)
        {
            Run("INSERT OR IGNORE INTO run_tags VALUES ($id, $tag)", ("$id", id), ("$tag", tag));
        }

        transaction.Commit();
    }

    /// <summary>Removes tags from a run.</summary>
    public void Untag(long id, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _ = Get(id);
        foreach (var tag in tags)
        {
            Run("DELETE FROM run_tags WHERE run_id = $id AND tag = $tag", ("$id", id), ("$tag", tag));
        }
    }

    /// <summary>Deletes a run and every kept file no other run uses; throws <see cref="RunStoreException"/> for no such run.</summary>
    public void Delete(long id)
    {
        _ = Get(id);
        Run("DELETE FROM runs WHERE id = $id", ("$id", id));
        var used = new HashSet<string>(Read("SELECT DISTINCT sha256 FROM artifacts WHERE sha256 IS NOT NULL AND $id = $id", id, r => r.GetString(0)), StringComparer.Ordinal);
        if (!Directory.Exists(ArtifactFolder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(ArtifactFolder))
        {
            if (!used.Contains(System.IO.Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }

    private void InsertArtifacts(long id, IReadOnlyList<RunArtifact> artifacts)
    {
        for (var i = 0; i < artifacts.Count; i++)
        {
            var a = artifacts[i];
            Run("INSERT INTO artifacts (run_id, position, kind, path, name, sha256) VALUES ($id, $position, $kind, $path, $name, $sha)",
                ("$id", id), ("$position", i), ("$kind", a.Kind), ("$path", a.Path), ("$name", (object?)a.Name ?? DBNull.Value), ("$sha", (object?)a.Sha256 ?? DBNull.Value));
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>The Key Results rows with their pooled tests, read from the long table.</summary>
    private IReadOnlyList<KeyResultsRow> WithTests(IReadOnlyList<KeyResultsRow> rows, long id)
    {
        var tests = Read("SELECT metric_position, test, method, mean_statistic, median_p, rejections FROM model_tests " +
                         "WHERE run_id = $id ORDER BY metric_position, test_position", id,
            r => (Position: r.GetInt32(0), Test: new PooledTest(r.GetString(1), r.GetString(2), Real(r, 3), Real(r, 4), r.IsDBNull(5) ? 0 : r.GetInt32(5))));
        return [.. rows.Select((row, i) => row with { Tests = [.. tests.Where(t => t.Position == i).Select(t => t.Test)] })];
    }

    /// <summary>The pair backtests with their tests, read from the long table (one row per p-value; an empty method is none).</summary>
    private IReadOnlyList<PairBacktest> WithTests(IReadOnlyList<PairBacktest> backtests, long id)
    {
        var rows = Read("SELECT backtest_position, test_position, test, statistic, dof, method, p_value, undefined FROM pair_tests " +
                        "WHERE run_id = $id ORDER BY backtest_position, test_position, p_position", id,
            r => (Backtest: r.GetInt32(0), Test: r.GetInt32(1), Name: r.GetString(2), Statistic: Real(r, 3), Dof: r.GetInt32(4),
                Method: r.GetString(5), P: Real(r, 6), Undefined: r.IsDBNull(7) ? null : r.GetString(7)));
        return [.. backtests.Select((b, i) => b with
        {
            Summary = b.Summary with
            {
                Tests = [.. rows.Where(r => r.Backtest == i).GroupBy(r => r.Test).Select(g =>
                {
                    var first = g.First();
                    return new TestResult(first.Name, first.Statistic, first.Dof,
                        [.. g.Where(r => r.Method.Length > 0).Select(r => new PValue(r.Method, r.P))], first.Undefined);
                })],
            },
        })];
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > RunStoreSchema.Version)
        {
            throw new RunStoreException(
                $"{path} has run-store schema version {version}, newer than this riskgrid understands ({RunStoreSchema.Version}); use a newer riskgrid");
        }

        if (version == 0 && Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master"), CultureInfo.InvariantCulture) > 0)
        {
            throw new RunStoreException($"{path} is an SQLite database but not a RiskGrid run store (it has tables and no schema version)");
        }

        for (; version < RunStoreSchema.Version; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, RunStoreSchema.Migrations[version]);
            Execute(connection, $"PRAGMA user_version = {version + 1}");
            transaction.Commit();
        }
    }

    private static void PauseForTest()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            Console.Error.WriteLine($"store: holding the write transaction open for {ms} ms ({PauseVariable})");
            Console.Error.Flush();
            Thread.Sleep(ms);
        }
    }

    private IReadOnlyList<T> Read<T>(string sql, long id, Func<SqliteDataReader, T> map)
    {
        using var command = Command(sql, ("$id", id));
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private void Run(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            // SQLite has no NaN: a NaN statistic is stored as NULL and read back as NaN.
            command.Parameters.AddWithValue(name, value is double d && double.IsNaN(d) ? DBNull.Value : value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static double Real(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? double.NaN : reader.GetDouble(column);

    private static string Timestamp(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
