using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="ModelFit"/>: every double bit-exact, the blob as bytes.</summary>
[GenerateSerializer, Alias("riskgrid.ModelFit")]
public struct ModelFitSurrogate
{
    [Id(0)] public int Status;
    [Id(1)] public double[] Parameters;
    [Id(2)] public double[]? StandardErrors;
    [Id(3)] public double LogLikelihood;
    [Id(4)] public int Iterations;
    [Id(5)] public string? Message;
    [Id(6)] public byte[]? Blob;
}
