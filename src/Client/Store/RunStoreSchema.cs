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
    ];

    public static int Version => Migrations.Count;
}
