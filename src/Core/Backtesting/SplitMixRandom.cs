namespace RiskGrid.Core.Backtesting;

/// <summary>
/// A <see cref="Random"/> drawing from a <see cref="SplitMix64"/> stream, for samplers that take a Random (the
/// innovation distributions'), so that their draws are fixed by the seed on every runtime; <see cref="NextDouble"/> is
/// the stream's <see cref="SplitMix64.NextDouble"/> exactly.
/// </summary>
internal sealed class SplitMixRandom(ulong seed) : Random
{
    private SplitMix64 _stream = new(seed);

    public override double NextDouble() => _stream.NextDouble();

    protected override double Sample() => _stream.NextDouble();

    public override int Next() => (int)(_stream.NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : _stream.NextIndex(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)((_stream.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * ((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)(_stream.NextUInt64() >> 1);

    public override float NextSingle() => (float)(_stream.NextUInt64() >> 40) * (1f / (1 << 24));

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)_stream.NextUInt64();
        }
    }

    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }
}
