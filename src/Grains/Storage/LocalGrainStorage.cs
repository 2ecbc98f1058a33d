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
/// <remarks>
/// A record rewritten on every push (a pair's) keeps its array and is overwritten in place when the new bytes fit:
/// a fresh array per write outlived the young generation (it is kept until the next push) and was promoted and
/// collected again on every push, a third of an embedded grid's time spent in the garbage collector.
/// </remarks>
public sealed class LocalGrainStorage(PooledGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Record> _records = new();
    private long _lastETag;

    // Mutable under its own lock: the bytes are Data[0..Length).
    private sealed class Record(byte[] data, int length, string etag)
    {
        public byte[] Data = data;
        public int Length = length;
        public string ETag = etag;
        public bool Removed;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        T? state = default;
        string? etag = null;
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            lock (record)
            {
                if (!record.Removed)
                {
                    state = serializer.Deserialize<T>(record.Data.AsMemory(0, record.Length));
                    etag = record.ETag;
                }
            }
        }

        grainState.State = etag is null ? Activator.CreateInstance<T>() : state!;
        grainState.ETag = etag;
        grainState.RecordExists = etag is not null;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.SerializeToScratch(grainState.State);
        var etag = NextETag();
        var key = (stateName, grainId);
        if (grainState.ETag is null)
        {
            if (!_records.TryAdd(key, new Record(Copy(bytes, null), bytes.Length, etag)))
            {
                throw Conflict(stateName, grainId, _records.TryGetValue(key, out var stored) ? stored.ETag : null, null);
            }
        }
        else
        {
            if (!_records.TryGetValue(key, out var current))
            {
                throw Conflict(stateName, grainId, null, grainState.ETag);
            }

            lock (current)
            {
                if (current.Removed || current.ETag != grainState.ETag)
                {
                    throw Conflict(stateName, grainId, current.Removed ? null : current.ETag, grainState.ETag);
                }

                current.Data = Copy(bytes, current.Data);
                current.Length = bytes.Length;
                current.ETag = etag;
            }
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
            lock (current)
            {
                if (current.Removed || current.ETag != grainState.ETag)
                {
                    throw Conflict(stateName, grainId, current.Removed ? null : current.ETag, grainState.ETag);
                }

                current.Removed = true;
                _records.TryRemove(new KeyValuePair<(string, GrainId), Record>(key, current));
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    // A new record gets an array of its size (most are written once: chunks). A rewrite goes into the record's array
    // when it fits and the array is not much larger, else into a new one with room to grow (a pair record grows a
    // little with each day until a chunk of its forecasts closes).
    private static byte[] Copy(ReadOnlySpan<byte> bytes, byte[]? kept)
    {
        if (kept is null)
        {
            var record = Stored(bytes.Length);
            bytes.CopyTo(record);
            return record;
        }

        var target = kept.Length >= bytes.Length && kept.Length <= 3 * bytes.Length + 256 ? kept : Stored(bytes.Length + bytes.Length / 2);
        bytes.CopyTo(target);
        return target;
    }

    // Stored bytes live as long as the store: allocated on the pinned object heap, which the garbage collector counts as
    // its oldest generation, rather than born young and copied through both younger generations by collections that
    // only ever find them alive (the store of a 6,000-pair universe is a few hundred MB).
    private static byte[] Stored(int length) => GC.AllocateUninitializedArray<byte>(length, pinned: true);

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? stored, string? current) =>
        new($"riskgrid storage: {stateName} record of {grainId} was written by someone else (stored ETag {stored ?? "none"}, this write's {current ?? "none"})",
            stored ?? "none", current ?? "none");
}
