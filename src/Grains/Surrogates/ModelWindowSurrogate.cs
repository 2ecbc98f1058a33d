using RiskGrid.Core.Data;
using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="ModelWindow"/>: the returns and bars, every double bit-exact.</summary>
[GenerateSerializer, Alias("riskgrid.ModelWindow")]
public struct ModelWindowSurrogate
{
    [Id(0)] public double[] Returns;
    [Id(1)] public PriceBar[]? Bars;
}
