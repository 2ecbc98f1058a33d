using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.State;

/// <summary>
/// The persisted record of an instrument's accepted prices in one universe: the prices after the last
/// closed chunk (fewer than <see cref="ChunkDays"/>); each full chunk is its own record
/// (<see cref="PriceChunk"/>), written once and never rewritten.
/// </summary>
[GenerateSerializer, Alias("riskgrid.InstrumentPricesState")]
public sealed class InstrumentPricesState
{
    [Id(0)] public int Version { get; set; } = StateVersions.InstrumentPrices;

    [Id(1)] public int ChunkDays { get; set; }

    [Id(2)] public int ClosedChunks { get; set; }

    [Id(3)] public List<DailyPrice> Open { get; set; } = [];

    [Id(4)] public DateOnly? FirstDate { get; set; }

    public int Count => ClosedChunks * ChunkDays + Open.Count;

    public DateOnly? LastDate => Open.Count > 0 ? Open[^1].Date : ClosedChunks > 0 ? LastClosedDate : null;

    /// <summary>Date of the last price of the last closed chunk (so that the open chunk may be empty).</summary>
    [Id(5)] public DateOnly? LastClosedDate { get; set; }
}

/// <summary>A full, closed chunk of an instrument's accepted prices.</summary>
[GenerateSerializer, Alias("riskgrid.PriceChunk")]
public sealed class PriceChunk
{
    [Id(0)] public int Version { get; set; } = StateVersions.InstrumentPrices;

    [Id(1)] public List<DailyPrice> Prices { get; set; } = [];
}
