using RiskGrid.Client.Store;

namespace RiskGrid.Client.Report;

/// <summary>What the report's header says about the run: what ran, on what data and code, with which options, how long.</summary>
/// <param name="Description">Lines about the run (executor, data, models, window), as the console prints them.</param>
/// <param name="RunId">The run store's id, once the run is recorded; null when it is not (yet).</param>
/// <param name="CodeVersion">The code version (<see cref="Store.CodeVersion"/>: version and git commit).</param>
/// <param name="DataHash">SHA-256 of the loaded prices (<see cref="DatasetHash"/>).</param>
/// <param name="Elapsed">Wall time of the forecasts (load and report not included).</param>
public sealed record ReportHeader(
    IReadOnlyList<string> Description,
    long? RunId,
    string CodeVersion,
    string DataHash,
    DateTimeOffset Started,
    TimeSpan Elapsed,
    IReadOnlyList<RunParameter> Parameters);
