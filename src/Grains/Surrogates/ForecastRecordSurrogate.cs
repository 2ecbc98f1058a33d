using RiskGrid.Core.Engine;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="ForecastRecord"/>.</summary>
[GenerateSerializer, Alias("riskgrid.ForecastRecord")]
public struct ForecastRecordSurrogate
{
    [Id(0)] public DateOnly OriginDate;
    [Id(1)] public double[] VaR;
    [Id(2)] public double[] ES;
    [Id(3)] public double Mean;
    [Id(4)] public double Volatility;
    [Id(5)] public int FitStatus;
    [Id(6)] public bool Refitted;
    [Id(7)] public DateOnly? TargetDate;
    [Id(8)] public double Realized;

    // Null in state written before PITs were recorded (a missing double would read as 0, a valid PIT).
    [Id(9)] public double? Pit;

    // The predictive law (null before laws were recorded, and for models without one): its innovation's key, then
    // location, scale and shape in one array.
    [Id(10)] public string? LawDistribution;
    [Id(11)] public double[]? LawParameters;

    // The law's forecast map (null before maps were recorded, and for laws without one): the process key and θ_t.
    [Id(12)] public string? LawProcess;
    [Id(13)] public double[]? LawProcessParameters;
}
