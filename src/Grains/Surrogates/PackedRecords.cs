using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

/// <summary>
/// The pair record's bulk fields (the rolling window's bars, the forecasts) as one byte string each, little
/// endian with doubles as their 64-bit patterns, so a reactivated pair continues bit for bit. Written on every
/// push, a window of 250 bars is one 9 kB copy instead of 250 tagged objects for the serializer to walk. The
/// first byte is the layout's version; a reader refuses layouts it does not know.
/// </summary>
public static class PackedRecords
{
    private const byte BarsLayout = 1;
    // Forecasts: 1, without the predictive law; 2, each record ends with its law; 3, the law followed by its forecast map
    // (see PackForecasts). All three are read.
    private const byte ForecastsLayout = 3;
    private const byte ForecastsLayoutWithoutMap = 2;
    private const byte ForecastsLayoutWithoutLaw = 1;
    private const int BarSize = 4 + 4 * 8;
    private const int NoDate = int.MinValue;

    public static byte[] PackBars(List<PriceBar> bars)
    {
        CheckEndianness();
        var bytes = new byte[5 + bars.Count * BarSize];
        var w = new Writer(bytes);
        w.Byte(BarsLayout);
        w.Int(bars.Count);
        foreach (var b in CollectionsMarshal.AsSpan(bars))
        {
            w.Int(b.Date.DayNumber);
            w.Double(b.Open);
            w.Double(b.High);
            w.Double(b.Low);
            w.Double(b.Close);
        }

        return bytes;
    }

    public static List<PriceBar> UnpackBars(byte[] bytes)
    {
        var r = new Reader(bytes);
        r.Layout(BarsLayout, "bars");
        var count = r.Int();
        var bars = new List<PriceBar>(count);
        for (var i = 0; i < count; i++)
        {
            bars.Add(new PriceBar(DateOnly.FromDayNumber(r.Int()), r.Double(), r.Double(), r.Double(), r.Double()));
        }

        return bars;
    }

    public static byte[] PackForecasts(List<ForecastRecord> forecasts)
    {
        CheckEndianness();
        var size = 5;
        foreach (var f in CollectionsMarshal.AsSpan(forecasts))
        {
            size += 4 + 4 + 4 + 1 + 2 + 8 * (f.VaR.Length + f.ES.Length) + 4 * 8 + 1;
            if (f.Law is { } law)
            {
                size += law.Distribution.Length + 2 * 8 + 1 + 8 * law.Shape.Length + 1 + (law.Process?.Length ?? 0);
                size += law.HasProcess ? 1 + 8 * law.ProcessParameters.Length : 0;
            }
        }

        var bytes = new byte[size];
        var w = new Writer(bytes);
        w.Byte(ForecastsLayout);
        w.Int(forecasts.Count);
        foreach (var f in CollectionsMarshal.AsSpan(forecasts))
        {
            w.Int(f.OriginDate.DayNumber);
            w.Int(f.TargetDate?.DayNumber ?? NoDate);
            w.Int((int)f.FitStatus);
            w.Byte(f.Refitted ? (byte)1 : (byte)0);
            w.Byte(checked((byte)f.VaR.Length));
            w.Byte(checked((byte)f.ES.Length));
            foreach (var v in f.VaR)
            {
                w.Double(v);
            }

            foreach (var e in f.ES)
            {
                w.Double(e);
            }

            w.Double(f.Mean);
            w.Double(f.Volatility);
            w.Double(f.Realized);
            w.Double(f.Pit);

            // The law: its innovation's key as a length byte (0: no law) and ASCII, then location, scale and the shape.
            if (f.Law is not { } law)
            {
                w.Byte(0);
                continue;
            }

            w.Ascii(law.Distribution);
            w.Double(law.Location);
            w.Double(law.Scale);
            w.Doubles(law.Shape);

            // The forecast map (layout 3): the process key as a length byte (0: none) and ASCII, then θ_t.
            w.Ascii(law.Process ?? string.Empty);
            if (law.HasProcess)
            {
                w.Doubles(law.ProcessParameters);
            }
        }

        return bytes;
    }

    public static List<ForecastRecord> UnpackForecasts(byte[] bytes)
    {
        var r = new Reader(bytes);
        var layout = r.Layout(ForecastsLayout, "forecasts", ForecastsLayoutWithoutMap, ForecastsLayoutWithoutLaw);
        var count = r.Int();
        var forecasts = new List<ForecastRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var origin = DateOnly.FromDayNumber(r.Int());
            var target = r.Int();
            var status = (FitStatus)r.Int();
            var refitted = r.Byte() != 0;
            var valueAtRisk = new double[r.Byte()];
            var es = new double[r.Byte()];
            for (var k = 0; k < valueAtRisk.Length; k++)
            {
                valueAtRisk[k] = r.Double();
            }

            for (var k = 0; k < es.Length; k++)
            {
                es[k] = r.Double();
            }

            var mean = r.Double();
            var volatility = r.Double();
            var realized = r.Double();
            var pit = r.Double();
            forecasts.Add(new ForecastRecord(origin, valueAtRisk, es, mean, volatility, status, refitted)
            {
                TargetDate = target == NoDate ? null : DateOnly.FromDayNumber(target),
                Realized = realized,
                Pit = pit,
                Law = layout == ForecastsLayoutWithoutLaw ? null : ReadLaw(ref r, withMap: layout == ForecastsLayout),
            });
        }

        return forecasts;
    }

    private static PredictiveLaw? ReadLaw(ref Reader r, bool withMap)
    {
        var key = r.Ascii();
        if (key.Length == 0)
        {
            return null;
        }

        var location = r.Double();
        var scale = r.Double();
        var law = new PredictiveLaw(key, location, scale, r.Doubles());
        if (!withMap)
        {
            return law;
        }

        var process = r.Ascii();
        return process.Length == 0 ? law : law.WithProcess(process, r.Doubles());
    }

    private static void CheckEndianness()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("packed grain state is little endian; this machine is not");
        }
    }

    // Unaligned little-endian stores and loads into the array (checked once per record, not per value).
    private struct Writer(byte[] bytes)
    {
        private readonly byte[] _bytes = bytes;
        private int _at;

        public void Byte(byte b) => _bytes[_at++] = b;

        public void Int(int v) => Put(v, 4);

        public void Double(double v) => Put(BitConverter.DoubleToInt64Bits(v), 8);

        /// <summary>A short ASCII string as a length byte and its characters.</summary>
        public void Ascii(string s)
        {
            Byte(checked((byte)s.Length));
            foreach (var c in s)
            {
                Byte(checked((byte)c));
            }
        }

        /// <summary>A short array of doubles as a count byte and its values.</summary>
        public void Doubles(double[] values)
        {
            Byte(checked((byte)values.Length));
            foreach (var x in values)
            {
                Double(x);
            }
        }

        private void Put<T>(T v, int size)
            where T : unmanaged
        {
            if ((uint)(_at + size) > (uint)_bytes.Length)
            {
                throw new InvalidOperationException("packed record overflow");
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _at), v);
            _at += size;
        }
    }

    private struct Reader(byte[] bytes)
    {
        private readonly byte[] _bytes = bytes;
        private int _at;

        /// <summary>Reads the layout byte: <paramref name="expected"/> or one of the older <paramref name="alsoRead"/>, which it returns.</summary>
        public byte Layout(byte expected, string what, params ReadOnlySpan<byte> alsoRead)
        {
            CheckEndianness();
            var layout = Byte();
            if (layout != expected && !alsoRead.Contains(layout))
            {
                throw new InvalidOperationException(
                    $"stored {what} use layout {layout}; this release reads layout {string.Join(" or ", new[] { expected }.Concat(alsoRead.ToArray()))}");
            }

            return layout;
        }

        public byte Byte() => _bytes[_at++];

        public int Int() => Get<int>(4);

        public double Double() => BitConverter.Int64BitsToDouble(Get<long>(8));

        public string Ascii()
        {
            var chars = new char[Byte()];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)Byte();
            }

            return new string(chars);
        }

        public double[] Doubles()
        {
            var values = new double[Byte()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Double();
            }

            return values;
        }

        private T Get<T>(int size)
            where T : unmanaged
        {
            if ((uint)(_at + size) > (uint)_bytes.Length)
            {
                throw new InvalidOperationException("packed record is truncated");
            }

            var v = Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _at));
            _at += size;
            return v;
        }
    }
}
