namespace RiskGrid.Grains.Abstractions;

/// <summary>Where an instrument×model pair stands: its settings, progress, fitting record and latest forecast.</summary>
/// <param name="Settings">Null while the pair is not configured.</param>
/// <param name="BarsSeen">Prices accepted so far.</param>
/// <param name="Forecasts">Forecasts recorded (one per price once the window is full).</param>
/// <param name="RealizedForecasts">Forecasts whose day has its price.</param>
/// <param name="FitTime">Wall time spent estimating (informational; not part of the results).</param>
/// <param name="LastForecast">The newest forecast (for the day after <see cref="LastDate"/>), or null.</param>
/// <param name="TrainedOn">The silo that ran the last fit, for models trained on GPU silos when there are any
/// (the LSTM); null for models that fit beside the pair.</param>
/// <param name="TrainedOnGpu">Whether <paramref name="TrainedOn"/> declared a GPU.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.PairStatus")]
public sealed record PairStatus(
    [property: Id(0)] string Instrument,
    [property: Id(1)] string Model,
    [property: Id(2)] RollingSettings? Settings,
    [property: Id(3)] int BarsSeen,
    [property: Id(4)] DateOnly? FirstDate,
    [property: Id(5)] DateOnly? LastDate,
    [property: Id(6)] int Forecasts,
    [property: Id(7)] int RealizedForecasts,
    [property: Id(8)] int FitAttempts,
    [property: Id(9)] int FitFailures,
    [property: Id(10)] FitSummary? LastFit,
    [property: Id(11)] TimeSpan FitTime,
    [property: Id(12)] ForecastEntry? LastForecast,
    [property: Id(13)] SiloAddress? TrainedOn = null,
    [property: Id(14)] bool TrainedOnGpu = false);
