namespace RiskGrid.Client.Store;

/// <summary>One line of <c>riskgrid runs list</c>: a recorded run without its per-pair detail.</summary>
/// <param name="Models">The models run, comma-separated.</param>
/// <param name="Levels">The confidence levels, comma-separated.</param>
/// <param name="Red">Instrument×model×level backtests in the red zone.</param>
public sealed record RunSummary(
    long Id,
    DateTimeOffset StartedUtc,
    TimeSpan Elapsed,
    string Executor,
    string CodeVersion,
    string DatasetHash,
    string Dataset,
    int Instruments,
    int Pairs,
    string Models,
    string Levels,
    int Red)
{
    /// <summary>The run's tags, comma-separated.</summary>
    public string Tags { get; init; } = string.Empty;
}
