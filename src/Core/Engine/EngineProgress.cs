namespace RiskGrid.Core.Engine;

/// <summary>
/// Progress of a batch run: bars processed over all pairs, and pairs finished. A run that moves every
/// pair forward together (through the grid, day by day) finishes no pair before the end and reports
/// no pairs: <see cref="PairsDone"/> and <see cref="PairsTotal"/> are 0.
/// </summary>
public readonly record struct EngineProgress(long BarsDone, long BarsTotal, int PairsDone, int PairsTotal);
