using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Runs the rolling forecasts of a benchmark: directly on the Core engine, or through the grid.
/// Every executor returns the same <see cref="PairRun"/>s, so reporting has one path.
/// </summary>
public interface IBenchmarkExecutor
{
    /// <summary>Short name shown in the run header, e.g. "core engine (2 threads)".</summary>
    string Description { get; }

    Task<IReadOnlyList<PairRun>> RunAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken);
}
