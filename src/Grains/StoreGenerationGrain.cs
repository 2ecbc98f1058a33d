using Orleans.Concurrency;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Grains;

/// <summary>Answers with the store generation of the silo it runs on (a stateless worker: always the local silo).</summary>
[StatelessWorker]
public sealed class StoreGenerationGrain(StoreGeneration generation) : Grain, IStoreGenerationGrain
{
    public Task<string> GetGenerationAsync() => Task.FromResult(generation.Current);
}
