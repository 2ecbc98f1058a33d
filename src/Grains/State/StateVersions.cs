namespace RiskGrid.Grains.State;

/// <summary>
/// Versions of the persisted grain state. Version 0 is state written before versioning (no version field):
/// pairs kept every forecast and a log of every price in their record. A grain migrates older state when it
/// activates and writes the current version on its next write. Serialized fields get new ids, never reused.
/// </summary>
public static class StateVersions
{
    /// <summary>Pairs: 1, forecasts in append-only chunks, prices in the instrument's record (<see cref="InstrumentPricesState"/>);
    /// 2, incremental backtest accumulators (<see cref="PairGrainState.Backtests"/>); 3, the window's bars and the
    /// forecasts (open list and chunks) packed as byte strings (<see cref="Surrogates.PackedRecords"/>; their forecasts layout 2
    /// adds each record's predictive law, layout 3 its forecast map, and layouts 1 and 2 still read, without laws or maps); 4, the record leaves the window's bars out
    /// (<see cref="PairGrainState.StoredPair"/>): the pair reads them from its instrument's accepted prices when it activates.</summary>
    public const int Pair = 4;

    /// <summary>Universes: pairs and portfolios keyed by universe.</summary>
    public const int Universe = 1;

    public const int Portfolio = 1;

    public const int InstrumentPrices = 1;

    /// <summary>Days per history chunk of pairs and instruments created from now on (a pair keeps the size it
    /// was created with, in its state).</summary>
    public const int DefaultChunkDays = 50;
}
