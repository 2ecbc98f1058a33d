using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Surrogates;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>The packed layout of the pair record keeps every bit: NaN payloads, negative zero, missing dates.</summary>
public sealed class PackedRecordsTests
{
    private static readonly double OddNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);

    private static List<ForecastRecord> Forecasts() =>
    [
        new(new DateOnly(2001, 2, 3), [1.5, 2.5], [2.0, 3.0], -0.0, 1.25, FitStatus.Converged, true)
        {
            TargetDate = new DateOnly(2001, 2, 5), Realized = -3.75, Pit = 0.0125,
        },
        new(new DateOnly(2001, 2, 5), [double.NaN, double.NaN], [double.NaN, OddNaN], double.NaN, double.NaN, FitStatus.Failed, false),
        new(new DateOnly(2001, 2, 6), [0.1, 0.2, 0.3], [0.4, 0.5, 0.6], double.Epsilon, double.MaxValue, FitStatus.NotConverged, false)
        {
            TargetDate = new DateOnly(2001, 2, 7), Realized = double.NegativeInfinity,
            Law = new PredictiveLaw("skewt", -0.0, 1.25, [6.5, OddNaN]),
        },
        new(new DateOnly(2001, 2, 7), [1.5], [2.0], 0.25, 1.5, FitStatus.Converged, false) { Law = PredictiveLaw.Normal(0.25, 1.5) },
        new(new DateOnly(2001, 2, 8), [1.5], [2.0], 0.25, 1.5, FitStatus.Converged, false)
        {
            TargetDate = new DateOnly(2001, 2, 9), Realized = 0.5,
            Law = new PredictiveLaw(PredictiveLaw.StudentTKey, 0.25, 1.5, [5.5]).WithProcess("gjr", [0.02, -0.0, 0.1, OddNaN]),
        },
        new(new DateOnly(2001, 2, 9), [1.5], [2.0], 0.25, 1.5, FitStatus.Converged, false) { Law = PredictiveLaw.Normal(0, 1.5).WithProcess("aparch", [0.03, 0.07, 0.4, 0.9, 1.4]) },
    ];

    [Fact]
    public void Forecasts_round_trip_bit_for_bit()
    {
        var forecasts = Forecasts();
        Bits.Identical(forecasts, PackedRecords.UnpackForecasts(PackedRecords.PackForecasts(forecasts)), "packed");
        Assert.Empty(PackedRecords.UnpackForecasts(PackedRecords.PackForecasts([])));
        Bits.Identical(forecasts, ForecastChunk.Of(forecasts).Forecasts, "chunk");
    }

    [Fact]
    public void Forecasts_of_layout_1_without_laws_still_read()
    {
        // Layout 1 is layout 3 without the law's trailing bytes, which for a record without a law is one zero byte.
        var forecasts = Forecasts().Select(f => f with { Law = null }).ToList();
        Bits.Identical(forecasts, PackedRecords.UnpackForecasts(OlderLayout(1, forecasts, f => (FixedSize(f), true))), "layout 1");
    }

    [Fact]
    public void Forecasts_of_layout_2_with_laws_without_maps_still_read()
    {
        // Layout 2 is layout 3 without the forecast map's bytes after each law, which for a law without a map is one zero
        // byte (a record without a law is one zero byte in both).
        var forecasts = Forecasts().Select(f => f.Law is { } law ? f with { Law = law with { Process = null, ProcessParameters = [] } } : f).ToList();
        Assert.Contains(forecasts, f => f.Law is not null);
        Bits.Identical(forecasts, PackedRecords.UnpackForecasts(OlderLayout(2, forecasts, f => f.Law is { } law
            ? (FixedSize(f) + 1 + law.Distribution.Length + 2 * 8 + 1 + 8 * law.Shape.Length, true)
            : (FixedSize(f) + 1, false))), "layout 2");
    }

    // A record's bytes before its law.
    private static int FixedSize(ForecastRecord f) => 4 + 4 + 4 + 1 + 2 + 8 * (f.VaR.Length + f.ES.Length) + 4 * 8;

    // The forecasts packed in an older layout: each record's first `Kept` bytes of today's, the zero byte after them left
    // out where `DropsZero`.
    private static byte[] OlderLayout(byte layout, List<ForecastRecord> forecasts, Func<ForecastRecord, (int Kept, bool DropsZero)> part)
    {
        var packed = PackedRecords.PackForecasts(forecasts);
        Assert.Equal(3, packed[0]);
        var older = new List<byte> { layout };
        var at = 1 + 4;
        older.AddRange(packed[1..at]);
        foreach (var f in forecasts)
        {
            var (kept, dropsZero) = part(f);
            older.AddRange(packed[at..(at + kept)]);
            at += kept;
            if (dropsZero)
            {
                Assert.Equal(0, packed[at]);
                at++;
            }
        }

        Assert.Equal(packed.Length, at);
        return [.. older];
    }

    [Fact]
    public void Bars_round_trip_bit_for_bit()
    {
        List<PriceBar> bars = [new(new DateOnly(1999, 1, 4), 1, 2, 0.5, 1.5), new(new DateOnly(1999, 1, 5), OddNaN, -0.0, double.NaN, 1e308)];
        var back = PackedRecords.UnpackBars(PackedRecords.PackBars(bars));
        Assert.Equal(bars.Count, back.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(bars[i].Date, back[i].Date);
            Assert.Equal(
                new[] { bars[i].Open, bars[i].High, bars[i].Low, bars[i].Close }.Select(Bits.Of),
                new[] { back[i].Open, back[i].High, back[i].Low, back[i].Close }.Select(Bits.Of));
        }
    }

    [Fact]
    public void An_unknown_layout_is_refused_with_a_message()
    {
        var bytes = PackedRecords.PackBars([]);
        bytes[0] = 9;
        var ex = Assert.Throws<InvalidOperationException>(() => (object)PackedRecords.UnpackBars(bytes));
        Assert.Contains("layout 9", ex.Message);
    }

    [Fact]
    public void A_pair_record_serializes_packed_without_its_bars_and_reads_back_identically()
    {
        var serializer = GoldenStates.Serializer();
        var core = GoldenStates.CorePair("ewma");
        var state = new PairGrainState { Pair = core.State, Version = StateVersions.Pair, ChunkDays = 1000 };
        var bytes = serializer.Serialize(state);
        var back = serializer.Deserialize<PairGrainState>(bytes)!;
        Bits.Identical(core.State.Forecasts, back.Pair.Forecasts, "forecasts");
        Assert.Empty(back.Pair.Bars); // the pair reads them back from its instrument
        Assert.Equal(core.State.BarsSeen, back.Pair.BarsSeen);
        Assert.Equal(core.State.LastFit!.Parameters.Select(Bits.Of), back.Pair.LastFit!.Parameters.Select(Bits.Of));
        Assert.Equal((core.State.ForecastsSinceFit, core.State.FitAttempts, core.State.FitFailures),
            (back.Pair.ForecastsSinceFit, back.Pair.FitAttempts, back.Pair.FitFailures));

        // The same record in the version-3 layout carries the window: the bars are all the difference.
        var withBars = serializer.Serialize(new PairGrainState { Pair = core.State, Version = 3, ChunkDays = 1000 });
        Assert.Equal(core.State.Bars, serializer.Deserialize<PairGrainState>(withBars)!.Pair.Bars);
        Assert.InRange(withBars.ToArray().Length - bytes.ToArray().Length, core.State.Bars.Count * 36, core.State.Bars.Count * 36 + 16);
    }
}
