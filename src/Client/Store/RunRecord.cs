using RiskGrid.Core.Backtesting;

namespace RiskGrid.Client.Store;

/// <summary>
/// Everything the run store keeps about one finished benchmark run: how it was asked for, on which
/// data and code, what it found (the Key Results rows and every pair's backtests) and where its
/// files went.
/// </summary>
/// <param name="Id">Store-assigned id (0 before the run is recorded).</param>
/// <param name="Executor">Where the forecasts ran, e.g. "core engine".</param>
/// <param name="CodeVersion">The build's version and git commit (see <see cref="CodeVersion"/>).</param>
/// <param name="DatasetHash">SHA-256 of the loaded series (see <see cref="DatasetHash"/>).</param>
/// <param name="Dataset">The data set in words: file names or the synthetic universe's seed.</param>
/// <param name="Parameters">Option name and value, in command-line order.</param>
public sealed record RunRecord(
    long Id,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    TimeSpan Elapsed,
    string Executor,
    string CodeVersion,
    string DatasetHash,
    string Dataset,
    int Instruments,
    int Pairs,
    IReadOnlyList<RunParameter> Parameters,
    IReadOnlyList<KeyResultsRow> KeyResults,
    IReadOnlyList<PairBacktest> Backtests,
    IReadOnlyList<RunArtifact> Artifacts)
{
    /// <summary>Tags given with <c>riskgrid runs tag</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The model comparison (ranking by tick loss and FZ0, DM and MCS counts); empty for runs before it was kept.</summary>
    public IReadOnlyList<ModelRankingRow> Comparison { get; init; } = [];
}
