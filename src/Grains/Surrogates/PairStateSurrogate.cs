using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

/// <summary>Serialized form of the Core <see cref="PairState"/>, the rolling pair's whole memory.</summary>
[GenerateSerializer, Alias("riskgrid.PairState")]
public struct PairStateSurrogate
{
    [Id(0)] public List<PriceBar>? Bars;
    [Id(1)] public int BarsSeen;
    [Id(2)] public ModelFit? LastFit;
    [Id(3)] public int ForecastsSinceFit;
    [Id(4)] public int FitAttempts;
    [Id(5)] public int FitFailures;
    [Id(6)] public List<ForecastRecord>? Forecasts;

    // From pair state version 3 on, Bars and Forecasts are written packed (see PackedRecords) and fields 0 and 6 stay empty;
    // from version 4 on, the pair record leaves the bars out (PackedBars null: the pair reads them from its instrument).
    [Id(7)] public byte[]? PackedBars;
    [Id(8)] public byte[]? PackedForecasts;
}
