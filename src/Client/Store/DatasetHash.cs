using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RiskGrid.Core.Data;

namespace RiskGrid.Client.Store;

/// <summary>
/// SHA-256 of a loaded universe: for each series in ordinal order of instrument name, the name, the
/// bar count, then every bar's date (day number) and open, high, low and adjusted close (IEEE bits,
/// little-endian; a missing open/high/low as the canonical quiet NaN 0x7FF8000000000000). The same prices give the same hash whatever the file names,
/// their order or their formatting; any changed price or date changes it.
/// </summary>
public static class DatasetHash
{
    public static string Of(IEnumerable<PriceSeries> universe)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[8];
        foreach (var series in universe.OrderBy(s => s.Instrument, StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(series.Instrument);
            BinaryPrimitives.WriteInt32LittleEndian(buffer, name.Length);
            sha.AppendData(buffer[..4]);
            sha.AppendData(name);
            BinaryPrimitives.WriteInt32LittleEndian(buffer, series.Count);
            sha.AppendData(buffer[..4]);
            foreach (var bar in series.Bars)
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer, bar.Date.DayNumber);
                sha.AppendData(buffer[..4]);
                Append(sha, buffer, bar.Open);
                Append(sha, buffer, bar.High);
                Append(sha, buffer, bar.Low);
                Append(sha, buffer, bar.Close);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // IEEE 754's canonical quiet NaN, written explicitly: the bits of double.NaN are the runtime's choice.
    private const long CanonicalNaN = 0x7FF8_0000_0000_0000;

    private static void Append(IncrementalHash sha, Span<byte> buffer, double value)
    {
        if (double.IsNaN(value))
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, CanonicalNaN);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
        }

        sha.AppendData(buffer);
    }
}
