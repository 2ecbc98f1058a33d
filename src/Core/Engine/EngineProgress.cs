namespace RiskGrid.Core.Engine;

/// <summary>Progress of a batch run: bars processed over all pairs, and pairs finished.</summary>
public readonly record struct EngineProgress(long BarsDone, long BarsTotal, int PairsDone, int PairsTotal);
