using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace RiskGrid.Grains.Storage;

/// <summary>
/// The <c>riskgrid</c> storage of a single embedded silo: records serialized with the same storage serializer as
/// Redis (so what a grain reloads is exactly what it wrote, copied, never shared) and kept in this process, with
/// optimistic concurrency by ETag like every Orleans provider. Orleans's memory provider routes each write through a
/// storage grain (a grain call and a deep copy of the bytes per write, a quarter of a live push's CPU); one
/// process with one silo needs neither. Several silos, even in one process, must share a store: they use Redis,
/// or Orleans's memory provider (<see cref="Hosting.RiskGridSiloOptions.LocalStorage"/> off).
/// </summary>
public sealed class LocalGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Record> _records = new();
    private long _lastETag;

    private sealed record Record(BinaryData Data, string ETag);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = serializer.Deserialize<T>(record.Data);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State);
        var etag = NextETag();
        var key = (stateName, grainId);
        var written = new Record(data, etag);
        if (grainState.ETag is null)
        {
            if (!_records.TryAdd(key, written))
            {
                throw Conflict(stateName, grainId, _records.TryGetValue(key, out var stored) ? stored.ETag : null, null);
            }
        }
        else if (!_records.TryGetValue(key, out var current) || current.ETag != grainState.ETag || !_records.TryUpdate(key, written, current))
        {
            throw Conflict(stateName, grainId, _records.TryGetValue(key, out var stored) ? stored.ETag : null, grainState.ETag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_records.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_records.TryRemove(new KeyValuePair<(string, GrainId), Record>(key, current)))
            {
                throw Conflict(stateName, grainId, current.ETag, grainState.ETag);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? stored, string? current) =>
        new($"riskgrid storage: {stateName} record of {grainId} was written by someone else (stored ETag {stored ?? "none"}, this write's {current ?? "none"})",
            stored ?? "none", current ?? "none");
}
