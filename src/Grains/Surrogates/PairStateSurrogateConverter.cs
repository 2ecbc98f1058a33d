using RiskGrid.Core.Engine;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class PairStateSurrogateConverter : IConverter<PairState, PairStateSurrogate>
{
    public PairState ConvertFromSurrogate(in PairStateSurrogate surrogate) => new()
    {
        Bars = surrogate.PackedBars is { } bars ? PackedRecords.UnpackBars(bars) : surrogate.Bars ?? [],
        BarsSeen = surrogate.BarsSeen,
        LastFit = surrogate.LastFit,
        ForecastsSinceFit = surrogate.ForecastsSinceFit,
        FitAttempts = surrogate.FitAttempts,
        FitFailures = surrogate.FitFailures,
        Forecasts = surrogate.PackedForecasts is { } forecasts ? PackedRecords.UnpackForecasts(forecasts) : surrogate.Forecasts ?? [],
    };

    public PairStateSurrogate ConvertToSurrogate(in PairState value) => new()
    {
        PackedBars = PackedRecords.PackBars(value.Bars),
        BarsSeen = value.BarsSeen,
        LastFit = value.LastFit,
        ForecastsSinceFit = value.ForecastsSinceFit,
        FitAttempts = value.FitAttempts,
        FitFailures = value.FitFailures,
        PackedForecasts = PackedRecords.PackForecasts(value.Forecasts),
    };
}
