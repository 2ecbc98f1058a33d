using Orleans.Storage;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Grains.Storage;

/// <summary>
/// The <c>riskgrid</c> storage over Redis, checked against the store's generation (<see cref="StoreGeneration"/>). After
/// every read it verifies the marker, so a grain that activates on a store that was just emptied (Redis restarted
/// without persistence) fails with <see cref="Abstractions.StoreResetException"/> instead of starting from nothing
/// and answering as if that were its state. Writes need no check of their own: a record read before has an ETag,
/// which the emptied store refuses (InconsistentStateException, here turned into the store-reset error when the
/// marker is gone), and records are only ever created after a checked read.
/// </summary>
public sealed class GenerationCheckedStorage(IGrainStorage inner, StoreGeneration generation) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ReadStateAsync(stateName, grainId, grainState);
        await generation.VerifyAsync();
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreResetWhenRefused(inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreResetWhenRefused(inner.ClearStateAsync(stateName, grainId, grainState));

    // A write the store refuses for its ETag: the store-reset error when the marker is gone, else the refusal itself.
    private async Task StoreResetWhenRefused(Task write)
    {
        try
        {
            await write;
        }
        catch (InconsistentStateException)
        {
            await generation.VerifyAsync();
            throw;
        }
    }
}
