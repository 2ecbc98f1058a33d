using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Surrogates;

namespace RiskGrid.Grains.State;

/// <summary>
/// The persisted record of an instrument×model pair: its settings and the Core <see cref="PairState"/> less the
/// window's bars (serialized losslessly through surrogates, so a reactivated pair continues bit for bit), bounded by
/// the model: <see cref="PairState.Forecasts"/> holds only the forecasts after the last closed chunk (at most
/// <see cref="ChunkDays"/> + 1); each full chunk is its own record (<see cref="ForecastChunk"/>), written once and
/// never rewritten. Prices, the window's included, live in the instrument's record (<see cref="InstrumentPricesState"/>).
/// </summary>
[GenerateSerializer, Alias("riskgrid.PairGrainState")]
public sealed class PairGrainState
{
    /// <summary>Null until the pair is configured.</summary>
    [Id(0)] public RollingSettings? Settings { get; set; }

    /// <summary>
    /// The Core state the pair runs. From version 4 on it is stored without the window's bars
    /// (<see cref="StoredPair"/>): they are the instrument's last accepted prices, which the pair reads back from
    /// its <see cref="InstrumentPricesState"/> when it activates, so a push does not rewrite them in every pair record.
    /// </summary>
    public PairState Pair { get => _pair; set => _pair = value; }

    [NonSerialized] private PairState _pair = new();

    /// <summary>Versions 0–3: <see cref="Pair"/> with its window's bars (a record keeps the layout of its
    /// <see cref="Version"/>: the grain migrates it to the current one, which leaves this field empty).</summary>
    [Id(1)]
    public PairState? PairWithBars
    {
        get => Version < BarsLeftOut ? Pair : null;
        set
        {
            if (value is not null)
            {
                Pair = value;
            }
        }
    }

    /// <summary>Version 4 on: <see cref="Pair"/> without its bars (packed forecasts, fit, counters); bars read back empty.</summary>
    [Id(12)]
    public PairStateSurrogate? StoredPair
    {
        get => Version >= BarsLeftOut ? PairStateSurrogateConverter.ToSurrogate(Pair, withBars: false) : null;
        set
        {
            if (value is { } stored)
            {
                Pair = PairStateSurrogateConverter.FromSurrogate(stored);
            }
        }
    }

    /// <summary>Version 0 only: the log of every accepted price, which moved to the instrument's record.</summary>
    [Id(2)] public PriceLog? LegacyLog { get; set; }

    /// <summary>Wall time spent estimating, in ticks (informational).</summary>
    [Id(3)] public long FitTicks { get; set; }

    /// <summary>The silo that ran the last fit on a training grain (models that want an accelerator), or null
    /// when fits run beside the pair; and whether that silo declared a GPU. Informational.</summary>
    [Id(4)] public SiloAddress? TrainedOn { get; set; }

    [Id(5)] public bool TrainedOnGpu { get; set; }

    /// <summary>See <see cref="StateVersions.Pair"/>; 0 for state written before versioning.</summary>
    [Id(6)] public int Version { get; set; }

    /// <summary>Forecasts per closed chunk, fixed when the pair is configured.</summary>
    [Id(7)] public int ChunkDays { get; set; }

    /// <summary>Closed forecast chunks: forecasts 0 … ClosedChunks·ChunkDays − 1 are in chunk records.</summary>
    [Id(8)] public int ClosedChunks { get; set; }

    /// <summary>Date of the first price the pair took.</summary>
    [Id(9)] public DateOnly? FirstDate { get; set; }

    /// <summary>The incremental backtests, one per level of the settings, fed with every realised forecast
    /// (version 2 on; null before, rebuilt from the chunks once on activation).</summary>
    [Id(10)] public BacktestAccumulator[]? Backtests { get; set; }

    /// <summary>Forecasts 0 … BacktestsFed − 1 have been fed to <see cref="Backtests"/> (all realised).</summary>
    [Id(11)] public int BacktestsFed { get; set; }

    // The first version whose record leaves the bars out.
    private const int BarsLeftOut = 4;

    /// <summary>Forecasts recorded in all (closed chunks and open).</summary>
    public int ForecastCount => ClosedChunks * ChunkDays + Pair.Forecasts.Count;
}

/// <summary>A full, closed chunk of a pair's forecasts (all realised): written once, never rewritten.</summary>
[GenerateSerializer, Alias("riskgrid.ForecastChunk")]
public sealed class ForecastChunk
{
    [Id(0)] public int Version { get; set; } = StateVersions.Pair;

    /// <summary>Chunks written before pair state version 3 hold their records here; later ones in <see cref="Packed"/>.</summary>
    [Id(1)] public List<ForecastRecord>? Records { get; set; }

    [Id(2)] public byte[]? Packed { get; set; }

    [NonSerialized] private List<ForecastRecord>? _forecasts;

    /// <summary>The chunk's forecasts, oldest first (decoded once).</summary>
    public List<ForecastRecord> Forecasts => _forecasts ??= Packed is { } packed ? PackedRecords.UnpackForecasts(packed) : Records ?? [];

    /// <summary>A chunk of the current layout holding <paramref name="forecasts"/>.</summary>
    public static ForecastChunk Of(List<ForecastRecord> forecasts) => new() { Packed = PackedRecords.PackForecasts(forecasts), _forecasts = forecasts };
}
