using System.Buffers.Binary;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The optimiser state a fit leaves in <see cref="Models.ModelFit.Blob"/> for the next warm start: the
/// Hessian of the objective (−LL/T) in working coordinates at the estimate, n × n row-major; with it a warm
/// start takes a Newton step from the previous estimate and scales the optimiser's coordinates without
/// probing the curvature again. Also the stuck-optimum guard's memory: how many fits ago it last searched
/// from other starts (grid probes, bound flips), and the other local maximum it is tracking, if any (natural parameters and the
/// curvature there), so that a rolling run follows both modes of a bimodal likelihood and switches when the
/// other one overtakes. Everything the guard decides comes from this state and the window, so a grain that
/// persists the fit and the batch engine decide alike.
/// <para>
/// Format "GH2": tag, n (int32), fits since the last grid probe and since the last bound flip (int32 each), n² doubles, then a flag byte and, when it
/// is 1, the other maximum's n parameters and n² Hessian doubles; little-endian. "GH1" (tag, n, n² doubles),
/// written before the guard, still reads, as a state whose probe is due.
/// </para>
/// </summary>
internal sealed record WarmStartState(double[] Hessian, int FitsSinceProbe, int FitsSinceFlip, double[]? Alternative,
    double[]? AlternativeHessian)
{
    private static ReadOnlySpan<byte> Version1 => "GH1"u8;

    private static ReadOnlySpan<byte> Version2 => "GH2"u8;

    /// <summary>A GH1 blob (the Hessian alone), as written before the guard; for tests of old state.</summary>
    public static byte[] PackVersion1(ReadOnlySpan<double> hessian, int n)
    {
        var blob = new byte[Version1.Length + 4 + 8 * n * n];
        Version1.CopyTo(blob);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Version1.Length), n);
        Write(blob.AsSpan(Version1.Length + 4), hessian[..(n * n)]);
        return blob;
    }

    public byte[] Pack()
    {
        var n = (int)Math.Round(Math.Sqrt(Hessian.Length));
        var alternative = Alternative is not null && AlternativeHessian is not null;
        var head = Version2.Length + 12;
        var blob = new byte[head + 8 * n * n + 1 + (alternative ? 8 * (n + n * n) : 0)];
        Version2.CopyTo(blob);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Version2.Length), n);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Version2.Length + 4), FitsSinceProbe);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Version2.Length + 8), FitsSinceFlip);
        Write(blob.AsSpan(head), Hessian);
        var at = head + 8 * n * n;
        blob[at] = alternative ? (byte)1 : (byte)0;
        if (alternative)
        {
            Write(blob.AsSpan(at + 1), Alternative);
            Write(blob.AsSpan(at + 1 + 8 * n), AlternativeHessian);
        }

        return blob;
    }

    /// <summary>The state, or null when the blob is absent, of another shape, or not finite (an alternative that
    /// is not finite is dropped).</summary>
    public static WarmStartState? Unpack(byte[]? blob, int n)
    {
        if (blob is null || blob.Length < Version1.Length + 4 || BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(3)) != n)
        {
            return null;
        }

        var span = blob.AsSpan();
        if (span[..3].SequenceEqual(Version1))
        {
            return blob.Length == 7 + 8 * n * n && Read(span[7..], n * n) is { } hessian
                ? new WarmStartState(hessian, int.MaxValue, int.MaxValue, null, null)
                : null;
        }

        var head = Version2.Length + 12;
        if (!span[..3].SequenceEqual(Version2) || blob.Length < head + 8 * n * n + 1)
        {
            return null;
        }

        var fits = BinaryPrimitives.ReadInt32LittleEndian(span[7..]);
        var flips = BinaryPrimitives.ReadInt32LittleEndian(span[11..]);
        if (Read(span[head..], n * n) is not { } current || fits < 0 || flips < 0)
        {
            return null;
        }

        var at = head + 8 * n * n;
        switch (span[at])
        {
            case 0 when blob.Length == at + 1:
                return new WarmStartState(current, fits, flips, null, null);
            case 1 when blob.Length == at + 1 + 8 * (n + n * n):
                var other = Read(span[(at + 1)..], n);
                var otherHessian = Read(span[(at + 1 + 8 * n)..], n * n);
                return other is null || otherHessian is null
                    ? new WarmStartState(current, fits, flips, null, null)
                    : new WarmStartState(current, fits, flips, other, otherHessian);
            default:
                return null;
        }
    }

    private static void Write(Span<byte> target, ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(target[(8 * i)..], values[i]);
        }
    }

    private static double[]? Read(ReadOnlySpan<byte> source, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
            if (!double.IsFinite(values[i]))
            {
                return null;
            }
        }

        return values;
    }
}
