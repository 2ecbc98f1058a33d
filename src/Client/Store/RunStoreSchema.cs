namespace RiskGrid.Client.Store;

/// <summary>
/// The run store's tables, as migrations: script i brings a store from schema version i to i + 1
/// (SQLite's <c>user_version</c>). Add a script to change the schema; never edit a shipped one.
/// </summary>
internal static class RunStoreSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: runs, their parameters, Key Results rows, per-pair backtests and artifacts. NaN is stored as NULL.
        """
        CREATE TABLE runs (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            started_utc     TEXT    NOT NULL,
            finished_utc    TEXT    NOT NULL,
            elapsed_seconds REAL    NOT NULL,
            executor        TEXT    NOT NULL,
            code_version    TEXT    NOT NULL,
            dataset_hash    TEXT    NOT NULL,
            dataset         TEXT    NOT NULL,
            instruments     INTEGER NOT NULL,
            pairs           INTEGER NOT NULL
        );
        CREATE TABLE run_parameters (
            run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name     TEXT    NOT NULL,
            value    TEXT    NOT NULL,
            PRIMARY KEY (run_id, name)
        );
        CREATE TABLE model_metrics (
            run_id            INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position          INTEGER NOT NULL,
            model             TEXT    NOT NULL,
            alpha             REAL    NOT NULL,
            instruments       INTEGER NOT NULL,
            observations      INTEGER NOT NULL,
            missing           INTEGER NOT NULL,
            exceptions        INTEGER NOT NULL,
            exception_rate    REAL,
            violation_ratio   REAL,
            kupiec_p          REAL,
            kupiec_rejections INTEGER NOT NULL,
            cc_p              REAL,
            avg_es            REAL,
            es_stat           REAL,
            quantile_loss     REAL,
            green             INTEGER NOT NULL,
            yellow            INTEGER NOT NULL,
            red               INTEGER NOT NULL,
            PRIMARY KEY (run_id, model, alpha)
        );
        CREATE TABLE pair_backtests (
            run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position        INTEGER NOT NULL,
            instrument      TEXT    NOT NULL,
            model           TEXT    NOT NULL,
            alpha           REAL    NOT NULL,
            observations    INTEGER NOT NULL,
            missing         INTEGER NOT NULL,
            exceptions      INTEGER NOT NULL,
            exception_rate  REAL,
            violation_ratio REAL,
            kupiec_lr REAL, kupiec_p REAL, kupiec_dof INTEGER NOT NULL,
            independence_lr REAL, independence_p REAL, independence_dof INTEGER NOT NULL,
            cc_lr REAL, cc_p REAL, cc_dof INTEGER NOT NULL,
            duration_lr REAL, duration_p REAL, duration_dof INTEGER NOT NULL,
            avg_var         REAL,
            avg_es          REAL,
            es_stat         REAL,
            es_p            REAL,
            quantile_loss   REAL,
            zone            TEXT    NOT NULL,
            zone_exceptions INTEGER NOT NULL,
            zone_days       INTEGER NOT NULL,
            PRIMARY KEY (run_id, instrument, model, alpha)
        );
        CREATE TABLE artifacts (
            run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind     TEXT    NOT NULL,
            path     TEXT    NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        """,

        // 2: the backtest catalogue. Tests move out of named columns into long tables, one row per
        // pair (or Key Results row), test and p-value method; the runs already stored keep theirs.
        """
        CREATE TABLE pair_tests (
            run_id             INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            backtest_position  INTEGER NOT NULL,
            test_position      INTEGER NOT NULL,
            p_position         INTEGER NOT NULL,
            test               TEXT    NOT NULL,
            statistic          REAL,
            dof                INTEGER NOT NULL,
            method             TEXT    NOT NULL,
            p_value            REAL,
            undefined          TEXT,
            PRIMARY KEY (run_id, backtest_position, test_position, p_position)
        );
        INSERT INTO pair_tests SELECT run_id, position, 0, 0, 'kupiec', kupiec_lr, kupiec_dof, 'chi2', kupiec_p,
            CASE WHEN kupiec_lr IS NULL THEN 'no observations' END FROM pair_backtests;
        INSERT INTO pair_tests SELECT run_id, position, 1, 0, 'christoffersen-ind', independence_lr, independence_dof, 'chi2', independence_p,
            CASE WHEN independence_lr IS NULL THEN 'fewer than two observations' END FROM pair_backtests;
        INSERT INTO pair_tests SELECT run_id, position, 2, 0, 'christoffersen-cc', cc_lr, cc_dof, 'chi2', cc_p,
            CASE WHEN cc_lr IS NULL THEN 'fewer than two observations' END FROM pair_backtests;
        INSERT INTO pair_tests SELECT run_id, position, 3, 0, 'duration', duration_lr, duration_dof, 'chi2', duration_p,
            CASE WHEN duration_lr IS NULL THEN 'fewer than two exceptions' END FROM pair_backtests;
        INSERT INTO pair_tests SELECT run_id, position, 4, 0, 'es-z2', es_stat, 0, 'resampled', es_p,
            CASE WHEN observations = 0 THEN 'no observations' WHEN es_stat IS NULL THEN 'an exception day has no positive ES'
                 WHEN es_p IS NULL THEN 'the mean severity L / ES over the exceptions is not positive' END FROM pair_backtests;
        ALTER TABLE pair_backtests DROP COLUMN kupiec_lr;
        ALTER TABLE pair_backtests DROP COLUMN kupiec_p;
        ALTER TABLE pair_backtests DROP COLUMN kupiec_dof;
        ALTER TABLE pair_backtests DROP COLUMN independence_lr;
        ALTER TABLE pair_backtests DROP COLUMN independence_p;
        ALTER TABLE pair_backtests DROP COLUMN independence_dof;
        ALTER TABLE pair_backtests DROP COLUMN cc_lr;
        ALTER TABLE pair_backtests DROP COLUMN cc_p;
        ALTER TABLE pair_backtests DROP COLUMN cc_dof;
        ALTER TABLE pair_backtests DROP COLUMN duration_lr;
        ALTER TABLE pair_backtests DROP COLUMN duration_p;
        ALTER TABLE pair_backtests DROP COLUMN duration_dof;
        ALTER TABLE pair_backtests DROP COLUMN es_stat;
        ALTER TABLE pair_backtests DROP COLUMN es_p;
        CREATE TABLE model_tests (
            run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            metric_position INTEGER NOT NULL,
            test_position   INTEGER NOT NULL,
            test            TEXT    NOT NULL,
            method          TEXT    NOT NULL,
            mean_statistic  REAL,
            median_p        REAL,
            rejections      INTEGER,
            PRIMARY KEY (run_id, metric_position, test_position)
        );
        INSERT INTO model_tests SELECT run_id, position, 0, 'kupiec', 'chi2', NULL, kupiec_p, kupiec_rejections FROM model_metrics;
        INSERT INTO model_tests SELECT run_id, position, 1, 'christoffersen-cc', 'chi2', NULL, cc_p, NULL FROM model_metrics;
        INSERT INTO model_tests SELECT run_id, position, 2, 'es-z2', 'resampled', es_stat, NULL, NULL FROM model_metrics;
        ALTER TABLE model_metrics DROP COLUMN kupiec_p;
        ALTER TABLE model_metrics DROP COLUMN kupiec_rejections;
        ALTER TABLE model_metrics DROP COLUMN cc_p;
        ALTER TABLE model_metrics DROP COLUMN es_stat;
        """,

        // 3: artifacts kept in the store (content-addressed copies: the name in the output folder and the SHA-256 of
        // the copy; older runs keep only their paths), and tags.
        """
        ALTER TABLE artifacts ADD COLUMN name TEXT;
        ALTER TABLE artifacts ADD COLUMN sha256 TEXT;
        CREATE TABLE run_tags (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            tag    TEXT    NOT NULL,
            PRIMARY KEY (run_id, tag)
        );
        """,

        // 4: the model comparison, long: one row per ranking row (model and level) and loss ('tick' or 'fz0'), with the
        // Diebold–Mariano and Model Confidence Set counts over instruments. Older runs have none.
        """
        CREATE TABLE model_comparison (
            run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position         INTEGER NOT NULL,
            loss             TEXT    NOT NULL,
            model            TEXT    NOT NULL,
            alpha            REAL    NOT NULL,
            instruments      INTEGER NOT NULL,
            mean_rank        REAL,
            mean_loss        REAL,
            best_on          INTEGER NOT NULL,
            worse_than_best  INTEGER NOT NULL,
            in_mcs_10        INTEGER NOT NULL,
            in_mcs_25        INTEGER NOT NULL,
            PRIMARY KEY (run_id, position, loss)
        );
        """,
    ];

    public static int Version => Migrations.Count;
}
