using RiskGrid.Core.Portfolio;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="JointObservation"/>.</summary>
[GenerateSerializer, Alias("riskgrid.JointObservation")]
public struct JointObservationSurrogate
{
    [Id(0)] public DateOnly Date;
    [Id(1)] public double[] Returns;
    [Id(2)] public double[] Means;
    [Id(3)] public double[] Volatilities;
    [Id(4)] public double[] NextMeans;
    [Id(5)] public double[] NextVolatilities;
}
