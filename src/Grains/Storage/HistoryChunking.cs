namespace RiskGrid.Grains.Storage;

/// <summary>Days per history chunk for pairs and instruments created on this silo (<c>RiskGrid:ChunkDays</c>);
/// existing state keeps the size it was created with.</summary>
public sealed record HistoryChunking(int Days);
