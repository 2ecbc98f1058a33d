namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One recorded forecast of a pair: made at the close of <see cref="OriginDate"/> for the next trading
/// day, at every level of the pair's settings (VaR and ES indexed like <see cref="RollingSettings.Alphas"/>,
/// NaN when no usable fit existed), and, once the next price arrived, the realised return.
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.ForecastEntry")]
public sealed record ForecastEntry(
    [property: Id(0)] DateOnly OriginDate,
    [property: Id(1)] double[] VaR,
    [property: Id(2)] double[] ES,
    [property: Id(3)] double Mean,
    [property: Id(4)] double Volatility,
    [property: Id(5)] FitOutcome FitStatus,
    [property: Id(6)] bool Refitted,
    [property: Id(7)] DateOnly? TargetDate,
    [property: Id(8)] double Realized)
{
    /// <summary>The PIT of the realised return under the forecast's distribution; NaN where the model has none or until realised.</summary>
    [Id(9)] public double Pit { get; init; } = double.NaN;

    /// <summary>The forecast's predictive law, where the model has a location-scale one: its innovation's key
    /// (<c>n</c>, <c>t</c>, <c>skewt</c>, <c>ged</c>); null otherwise.</summary>
    [Id(10)] public string? LawDistribution { get; init; }

    /// <summary>The law's location, scale and innovation shape parameters, in that order; null without a law.</summary>
    [Id(11)] public double[]? LawParameters { get; init; }

    /// <summary>The law's forecast map, where the model records one: its volatility process's key (<c>garch</c>, <c>gjr</c>,
    /// …); null otherwise (and in entries from before maps were recorded).</summary>
    [Id(12)] public string? LawProcess { get; init; }

    /// <summary>The forecast map's process parameters θ_t; null without a map.</summary>
    [Id(13)] public double[]? LawProcessParameters { get; init; }

    /// <summary>True once the day the forecast is for has its price.</summary>
    public bool IsRealized => TargetDate.HasValue;
}
