using RiskGrid.Core.Data;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="PriceBar"/> (Core has no Orleans reference).</summary>
[GenerateSerializer, Alias("riskgrid.PriceBar")]
public struct PriceBarSurrogate
{
    [Id(0)] public DateOnly Date;
    [Id(1)] public double Open;
    [Id(2)] public double High;
    [Id(3)] public double Low;
    [Id(4)] public double Close;
}
