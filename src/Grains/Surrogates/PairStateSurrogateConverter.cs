using RiskGrid.Core.Engine;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class PairStateSurrogateConverter : IConverter<PairState, PairStateSurrogate>
{
    public PairState ConvertFromSurrogate(in PairStateSurrogate surrogate) => FromSurrogate(surrogate);

    public PairStateSurrogate ConvertToSurrogate(in PairState value) => ToSurrogate(value, withBars: true);

    /// <summary>The pair state a surrogate holds; its bars are empty when it was written without them.</summary>
    public static PairState FromSurrogate(in PairStateSurrogate surrogate) => new()
    {
        Bars = surrogate.PackedBars is { } bars ? PackedRecords.UnpackBars(bars) : surrogate.Bars ?? [],
        BarsSeen = surrogate.BarsSeen,
        LastFit = surrogate.LastFit,
        ForecastsSinceFit = surrogate.ForecastsSinceFit,
        FitAttempts = surrogate.FitAttempts,
        FitFailures = surrogate.FitFailures,
        Forecasts = surrogate.PackedForecasts is { } forecasts ? PackedRecords.UnpackForecasts(forecasts) : surrogate.Forecasts ?? [],
    };

    /// <summary>The surrogate of <paramref name="value"/>, with its bars packed or (<paramref name="withBars"/> false) left out.</summary>
    public static PairStateSurrogate ToSurrogate(PairState value, bool withBars) => new()
    {
        PackedBars = withBars ? PackedRecords.PackBars(value.Bars) : null,
        BarsSeen = value.BarsSeen,
        LastFit = value.LastFit,
        ForecastsSinceFit = value.ForecastsSinceFit,
        FitAttempts = value.FitAttempts,
        FitFailures = value.FitFailures,
        PackedForecasts = PackedRecords.PackForecasts(value.Forecasts),
    };
}
