using RiskGrid.Core.Engine;
using RiskGrid.Core.Portfolio;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="PortfolioState"/>.</summary>
[GenerateSerializer, Alias("riskgrid.PortfolioState")]
public struct PortfolioStateSurrogate
{
    [Id(0)] public List<JointObservation> Rows;
    [Id(1)] public int RowsSeen;
    [Id(2)] public DateOnly? LastDate;
    [Id(3)] public double LastPnL;
    [Id(4)] public double Growth;
    [Id(5)] public List<ForecastRecord>[] Forecasts;
}
