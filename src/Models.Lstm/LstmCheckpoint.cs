using System.Text;
using RiskGrid.Core.Models;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// The bytes of <see cref="ModelFit.Blob"/>: a small header with the architecture (so a fit describes
/// itself and a mismatched one is refused, not misread), then the network's TorchSharp state dict.
/// </summary>
internal static class LstmCheckpoint
{
    private const string Magic = "RiskGrid.LSTM";
    private const int Version = 1;

    public static byte[] Save(LstmQuantileNetwork network)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var a = network.Architecture;
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(a.Features);
            writer.Write(a.HiddenSize);
            writer.Write(a.Layers);
            writer.Write(a.SequenceLength);
            writer.Write(a.LevelCount);
            foreach (var level in a.Levels)
            {
                writer.Write(level);
            }

            network.save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>The architecture stored in a blob; throws <see cref="ArgumentException"/> for a foreign blob.</summary>
    public static LstmArchitecture ReadArchitecture(byte[] blob)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        return ReadHeader(reader);
    }

    /// <summary>A CPU network with the saved weights.</summary>
    public static LstmQuantileNetwork Load(byte[] blob)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        var network = new LstmQuantileNetwork(ReadHeader(reader));
        network.load(reader);
        return network;
    }

    /// <summary>Copies the saved weights into <paramref name="network"/> (same architecture), on its device.</summary>
    public static void LoadInto(LstmQuantileNetwork network, byte[] blob)
    {
        using var cpu = Load(blob);
        using var noGrad = no_grad();
        var target = network.parameters().ToArray();
        var source = cpu.parameters().ToArray();
        for (var i = 0; i < target.Length; i++)
        {
            target[i].copy_(source[i]);
        }
    }

    private static LstmArchitecture ReadHeader(BinaryReader reader)
    {
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new ArgumentException("the fit's blob is not an LSTM checkpoint");
            }

            var version = reader.ReadInt32();
            if (version != Version)
            {
                throw new ArgumentException($"LSTM checkpoint version {version} is not supported (expected {Version})");
            }

            var features = reader.ReadInt32();
            var hidden = reader.ReadInt32();
            var layers = reader.ReadInt32();
            var sequence = reader.ReadInt32();
            var levels = new double[reader.ReadInt32()];
            for (var i = 0; i < levels.Length; i++)
            {
                levels[i] = reader.ReadDouble();
            }

            return new LstmArchitecture(features, hidden, layers, sequence, levels);
        }
        catch (EndOfStreamException)
        {
            throw new ArgumentException("the fit's LSTM checkpoint is truncated");
        }
    }
}
