using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Cli;

/// <summary>Runs the benchmark on the Core rolling engine in this process, on all cores.</summary>
public sealed class CoreEngineExecutor : IBenchmarkExecutor
{
    public string Description => "core engine";

    public Task<IReadOnlyList<PairRun>> RunAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken) =>
        Task.Run(() => RollingEngine.Run(universe, settings.Models, settings.Rolling, settings.ModelSettings, progress,
            maxDegreeOfParallelism: settings.Threads, cancellationToken: cancellationToken), cancellationToken);
}
