namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <c>BacktestAccumulator</c>: counts, sums bit-exact, the recent hits packed eight to a byte.</summary>
[GenerateSerializer, Alias("riskgrid.BacktestAccumulator")]
public struct BacktestAccumulatorSurrogate
{
    [Id(0)] public double Alpha;
    [Id(1)] public int Observations;
    [Id(2)] public int MissingForecasts;
    [Id(3)] public int Exceptions;
    [Id(4)] public double SumVaR;
    [Id(5)] public double SumES;
    [Id(6)] public double SumQuantileLoss;
    [Id(7)] public int RecentDays;
    [Id(8)] public byte[] Recent;
    [Id(9)] public int RecentNext;
    [Id(10)] public int RecentExceptions;
    [Id(11)] public int N00;
    [Id(12)] public int N01;
    [Id(13)] public int N10;
    [Id(14)] public int N11;
    [Id(15)] public int CurrentSpell;
    [Id(16)] public int CompletedSpells;
    [Id(17)] public int LongestSpell;
    [Id(18)] public bool LastHit;
}
