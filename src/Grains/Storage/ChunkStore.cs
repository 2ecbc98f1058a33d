using Orleans.Storage;

namespace RiskGrid.Grains.Storage;

/// <summary>
/// Append-only chunks of a grain's history, each its own record in the grain's storage provider (the same
/// <c>riskgrid</c> storage as the grain record, so no second store to run or back up). A chunk is written
/// once it is full and never changed; rewriting one with the same content (a retried push) is harmless.
/// Records are keyed <c>riskgrid-chunk/{owner}#{index}</c> with the state name giving what they hold.
/// </summary>
public sealed class ChunkStore<T>(IGrainStorage storage, string owner, string kind)
    where T : class, new()
{
    /// <summary>The grain type of chunk records in storage.</summary>
    public const string GrainType = "riskgrid-chunk";

    public async Task WriteAsync(int index, T chunk)
    {
        // Read first for the ETag: a chunk may already exist when a push that wrote it is retried.
        var state = new GrainState<T>();
        await storage.ReadStateAsync(kind, Id(index), state);
        state.State = chunk;
        await storage.WriteStateAsync(kind, Id(index), state);
    }

    public async Task<T> ReadAsync(int index)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(kind, Id(index), state);
        if (!state.RecordExists)
        {
            throw new InvalidOperationException($"{owner}: {kind} chunk {index} is missing from storage");
        }

        return state.State!;
    }

    /// <summary>Chunks <paramref name="from"/> up to (not including) <paramref name="to"/>, read in parallel.</summary>
    public async Task<T[]> ReadRangeAsync(int from, int to) =>
        await Task.WhenAll(Enumerable.Range(from, Math.Max(0, to - from)).Select(ReadAsync));

    public async Task ClearAsync(int count)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var state = new GrainState<T>();
            await storage.ReadStateAsync(kind, Id(i), state);
            if (state.RecordExists)
            {
                await storage.ClearStateAsync(kind, Id(i), state);
            }
        }));
    }

    private GrainId Id(int index) => GrainId.Create(GrainType, $"{owner}#{index}");
}
