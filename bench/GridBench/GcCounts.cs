namespace RiskGrid.GridBench;

/// <summary>This process's garbage collections by generation and their total pause, to tell GC cost from work.</summary>
public readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
{
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes());

    public static GcCounts operator -(GcCounts a, GcCounts b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused, a.Allocated - b.Allocated);

    public override string ToString() =>
        $"{Gen0} gen0, {Gen1} gen1, {Gen2} gen2 collections, {Paused.TotalSeconds:0.00} s paused, {Allocated / 1e9:0.00} GB allocated";
}
