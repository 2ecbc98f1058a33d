using System.Buffers.Binary;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// A fit's <see cref="ModelFit.Blob"/> while its answer differs from the main path's (<see cref="GarchFitter"/>: the fit
/// without the search across the mean's cusps, followed window after window): the answer's own warm-start state and the
/// main path's fit of the same window (status, log-likelihood, iterations, parameters, standard errors and its own
/// state), so that the next fit refits the main path exactly as it would have gone and never answers below it.
/// <para>
/// Format "GP1": tag, n (int32), the answer's state (length int32, −1 for none, then its bytes), the main fit's status
/// (int32), log-likelihood (double), iterations (int32), n parameters, a flag byte and, when it is 1, n standard errors,
/// then its state (length int32, −1 for none, then its bytes); little-endian. Its message is not kept.
/// </para>
/// <para>
/// Format "GL1", the same layout with another fit in the main fit's place: the maximum a mode probe
/// (<see cref="VolatilityProcess.ModeProbe"/>) left when it switched the answer to the other mode (<see cref="PackLeft"/>),
/// around the answer's blob (which may be a GP1 wrapper); a fit without it reads as before.
/// </para>
/// </summary>
internal static class TrackedPath
{
    private static ReadOnlySpan<byte> Version1 => "GP1"u8;

    private static ReadOnlySpan<byte> LeftVersion1 => "GL1"u8;

    /// <summary><paramref name="answer"/> with its state wrapped together with the main path's fit <paramref name="main"/>.</summary>
    public static ModelFit Pack(ModelFit answer, ModelFit main, int n) => Pack(answer, main, n, Version1);

    /// <summary><paramref name="answer"/> with its blob wrapped together with the maximum <paramref name="left"/> it
    /// replaced across a mode probe's switch.</summary>
    public static ModelFit PackLeft(ModelFit answer, ModelFit left, int n) => Pack(answer, left, n, LeftVersion1);

    /// <summary>
    /// The previous fit as the answer's own path continues it (its own state in place of the wrapper) and, when it carries
    /// one, the main path's previous fit; the main path's is null when the two paths are one (a fit of another format, or
    /// none). A wrapper that does not read leaves the answer's path with no state and no main path.
    /// </summary>
    public static (ModelFit? Own, ModelFit? Main) Split(ModelFit? previous, int n) => Split(previous, n, Version1);

    /// <summary>The previous fit without its <see cref="PackLeft"/> wrapper and the maximum it left, if it carries one.</summary>
    public static (ModelFit? Answer, ModelFit? Left) SplitLeft(ModelFit? previous, int n) => Split(previous, n, LeftVersion1);

    private static ModelFit Pack(ModelFit answer, ModelFit main, int n, ReadOnlySpan<byte> version)
    {
        var own = answer.Blob;
        var mainBlob = main.Blob;
        var errors = main.StandardErrors is { Length: var length } && length == n ? main.StandardErrors : null;
        var size = 3 + 4 + 4 + (own?.Length ?? 0) + 4 + 8 + 4 + 8 * n + 1 + (errors is null ? 0 : 8 * n) + 4 + (mainBlob?.Length ?? 0);
        var blob = new byte[size];
        var span = blob.AsSpan();
        version.CopyTo(span);
        var at = 3;
        WriteInt(span, ref at, n);
        WriteBytes(span, ref at, own);
        WriteInt(span, ref at, (int)main.Status);
        WriteDouble(span, ref at, main.LogLikelihood);
        WriteInt(span, ref at, main.Iterations);
        foreach (var p in main.Parameters)
        {
            WriteDouble(span, ref at, p);
        }

        span[at++] = errors is null ? (byte)0 : (byte)1;
        foreach (var e in errors ?? [])
        {
            WriteDouble(span, ref at, e);
        }

        WriteBytes(span, ref at, mainBlob);
        return answer with { Blob = blob };
    }

    private static (ModelFit? Own, ModelFit? Main) Split(ModelFit? previous, int n, ReadOnlySpan<byte> version)
    {
        if (previous?.Blob is not { } blob || blob.Length < 7 || !blob.AsSpan(0, 3).SequenceEqual(version))
        {
            return (previous, null);
        }

        try
        {
            var span = (ReadOnlySpan<byte>)blob;
            var at = 3;
            if (ReadInt(span, ref at) != n)
            {
                return (previous with { Blob = null }, null);
            }

            var own = ReadBytes(span, ref at);
            var status = (FitStatus)ReadInt(span, ref at);
            var logLikelihood = ReadDouble(span, ref at);
            var iterations = ReadInt(span, ref at);
            var parameters = new double[n];
            for (var j = 0; j < n; j++)
            {
                parameters[j] = ReadDouble(span, ref at);
            }

            double[]? errors = null;
            if (span[at++] == 1)
            {
                errors = new double[n];
                for (var j = 0; j < n; j++)
                {
                    errors[j] = ReadDouble(span, ref at);
                }
            }

            var mainBlob = ReadBytes(span, ref at);
            if (at != blob.Length || !Enum.IsDefined(status))
            {
                return (previous with { Blob = null }, null);
            }

            return (previous with { Blob = own }, new ModelFit(status, parameters, errors, logLikelihood, iterations, null, mainBlob));
        }
        catch (ArgumentOutOfRangeException)
        {
            return (previous with { Blob = null }, null);
        }
    }

    private static void WriteInt(Span<byte> span, ref int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
        at += 4;
    }

    private static void WriteDouble(Span<byte> span, ref int at, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
        at += 8;
    }

    private static void WriteBytes(Span<byte> span, ref int at, byte[]? bytes)
    {
        WriteInt(span, ref at, bytes?.Length ?? -1);
        bytes?.CopyTo(span[at..]);
        at += bytes?.Length ?? 0;
    }

    private static int ReadInt(ReadOnlySpan<byte> span, ref int at)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        return value;
    }

    private static double ReadDouble(ReadOnlySpan<byte> span, ref int at)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(span[at..]);
        at += 8;
        return value;
    }

    private static byte[]? ReadBytes(ReadOnlySpan<byte> span, ref int at)
    {
        var length = ReadInt(span, ref at);
        if (length < 0)
        {
            return null;
        }

        var bytes = span.Slice(at, length).ToArray();
        at += length;
        return bytes;
    }
}
