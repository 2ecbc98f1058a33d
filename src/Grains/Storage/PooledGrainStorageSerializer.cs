using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace RiskGrid.Grains.Storage;

/// <summary>
/// The Orleans storage serializer (the same bytes as <see cref="OrleansGrainStorageSerializer"/>) writing into a
/// buffer kept per thread, so that a pair record written on every push is one copy into an array of the right
/// size rather than a buffer grown from a few bytes by doubling (the growth was a tenth of a live push's CPU).
/// </summary>
public sealed class PooledGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    public BinaryData Serialize<T>(T? input) => new(SerializeToScratch(input).ToArray());

    /// <summary>
    /// The serialized bytes of <paramref name="input"/> in this thread's buffer: valid until the next serialization on
    /// this thread, so copy them before anything else runs (<see cref="LocalGrainStorage"/> copies them into the record's
    /// own array).
    /// </summary>
    public ReadOnlySpan<byte> SerializeToScratch<T>(T? input)
    {
        var buffer = t_buffer;
        if (buffer is null || buffer.Capacity > KeptCapacity)
        {
            // A buffer grown past KeptCapacity by one large record is dropped after that record, not kept per thread.
            buffer = t_buffer = new ArrayBufferWriter<byte>(64 * 1024);
        }

        buffer.ResetWrittenCount();
        serializer.Serialize(input, buffer);
        return buffer.WrittenSpan;
    }

    public T Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory())!;

    public T Deserialize<T>(ReadOnlyMemory<byte> input) => serializer.Deserialize<T>(input)!;
}
