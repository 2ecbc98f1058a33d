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
/// Format "GH4": tag, n (int32), fits since the last grid probe and since the last bound flip (int32 each), n² doubles, then a flag byte and, when it
/// is 1, the other maximum's n parameters and n² Hessian doubles, then a flag byte and, when it is 1, the held maximum
/// of the last flip onto a bound (<see cref="BoundCoordinate"/>, int32, <see cref="BoundPoint"/>, n doubles, and the held search's
/// curvature there, <see cref="BoundHessian"/>, n² doubles), the start of the next such flip; little-endian. "GH3" (the bound block
/// without its curvature), "GH2" (without the bound block) and "GH1" (tag, n, n² doubles, written before the guard) still read,
/// the last as a state whose probe is due.
/// </para>
/// </summary>
internal sealed record WarmStartState(double[] Hessian, int FitsSinceProbe, int FitsSinceFlip, double[]? Alternative,
    double[]? AlternativeHessian, int BoundCoordinate = -1, double[]? BoundPoint = null, double[]? BoundHessian = null)
{
    private static ReadOnlySpan<byte> Version4 => "GH4"u8;

    private static ReadOnlySpan<byte> Version3 => "GH3"u8;

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

    /// <summary>A GH2 blob (no held bound point), as written before GH3; for tests of old state.</summary>
    public byte[] PackVersion2() => Pack(Version2);

    /// <summary>A GH3 blob (the held bound point without its curvature), as written before GH4; for tests of old state.</summary>
    public byte[] PackVersion3() => Pack(Version3);

    public byte[] Pack() => Pack(Version4);

    private byte[] Pack(ReadOnlySpan<byte> version)
    {
        var n = (int)Math.Round(Math.Sqrt(Hessian.Length));
        var alternative = Alternative is not null && AlternativeHessian is not null;
        var version4 = version.SequenceEqual(Version4);
        var bound = version4 || version.SequenceEqual(Version3)
            ? BoundPoint is not null && BoundCoordinate >= 0 && (!version4 || BoundHessian is not null) ? 1 : 0
            : -1;
        var boundLength = 4 + 8 * n + (version4 ? 8 * n * n : 0);
        var head = Version2.Length + 12;
        var blob = new byte[head + 8 * n * n + 1 + (alternative ? 8 * (n + n * n) : 0) + (bound < 0 ? 0 : 1 + bound * boundLength)];
        version.CopyTo(blob);
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

        at += 1 + (alternative ? 8 * (n + n * n) : 0);
        if (bound >= 0)
        {
            blob[at] = (byte)bound;
            if (bound == 1)
            {
                BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(at + 1), BoundCoordinate);
                Write(blob.AsSpan(at + 5), BoundPoint);
                if (version4)
                {
                    Write(blob.AsSpan(at + 5 + 8 * n), BoundHessian);
                }
            }
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
        var version4 = span[..3].SequenceEqual(Version4);
        var version3 = version4 || span[..3].SequenceEqual(Version3);
        if (!(version3 || span[..3].SequenceEqual(Version2)) || blob.Length < head + 8 * n * n + 1)
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
        double[]? other = null, otherHessian = null;
        switch (span[at])
        {
            case 0:
                at += 1;
                break;
            case 1 when blob.Length >= at + 1 + 8 * (n + n * n):
                other = Read(span[(at + 1)..], n);
                otherHessian = Read(span[(at + 1 + 8 * n)..], n * n);
                if (other is null || otherHessian is null)
                {
                    other = otherHessian = null;
                }

                at += 1 + 8 * (n + n * n);
                break;
            default:
                return null;
        }

        if (!version3)
        {
            return blob.Length == at ? new WarmStartState(current, fits, flips, other, otherHessian) : null;
        }

        if (blob.Length == at + 1 && span[at] == 0)
        {
            return new WarmStartState(current, fits, flips, other, otherHessian);
        }

        if (blob.Length != at + 5 + 8 * n + (version4 ? 8 * n * n : 0) || span[at] != 1)
        {
            return null;
        }

        var coordinate = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 1)..]);
        var point = Read(span[(at + 5)..], n);
        var pointHessian = version4 ? Read(span[(at + 5 + 8 * n)..], n * n) : null;
        return coordinate >= 0 && coordinate < n && point is not null && (!version4 || pointHessian is not null)
            ? new WarmStartState(current, fits, flips, other, otherHessian, coordinate, point, pointHessian)
            : new WarmStartState(current, fits, flips, other, otherHessian);
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
