using System.Buffers.Binary;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The optimiser state a fit leaves in <see cref="Models.ModelFit.Blob"/> for the next warm start: the
/// Hessian of the objective (−LL/T) in working coordinates at the estimate, n × n row-major. With it a
/// warm start takes a Newton step from the previous estimate and scales the optimiser's coordinates
/// without probing the curvature again. Format: "GH1" tag, n (int32), n² doubles, little-endian.
/// </summary>
internal static class WarmStartState
{
    private static ReadOnlySpan<byte> Tag => "GH1"u8;

    public static byte[] Pack(ReadOnlySpan<double> hessian, int n)
    {
        var blob = new byte[Tag.Length + 4 + 8 * n * n];
        Tag.CopyTo(blob);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Tag.Length), n);
        for (var i = 0; i < n * n; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(Tag.Length + 4 + 8 * i), hessian[i]);
        }

        return blob;
    }

    /// <summary>The Hessian, or null when the blob is absent, of another shape, or not finite.</summary>
    public static double[]? Unpack(byte[]? blob, int n)
    {
        if (blob is null || blob.Length != Tag.Length + 4 + 8 * n * n || !blob.AsSpan(0, Tag.Length).SequenceEqual(Tag)
            || BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(Tag.Length)) != n)
        {
            return null;
        }

        var hessian = new double[n * n];
        for (var i = 0; i < hessian.Length; i++)
        {
            hessian[i] = BinaryPrimitives.ReadDoubleLittleEndian(blob.AsSpan(Tag.Length + 4 + 8 * i));
            if (!double.IsFinite(hessian[i]))
            {
                return null;
            }
        }

        return hessian;
    }
}
