using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>
/// A forecast made at the close of <see cref="OriginDate"/> for the next trading day, and, once that
/// day's price has arrived, the realised return. VaR and ES are indexed like
/// <see cref="RollingOptions.Alphas"/>; they are NaN when no usable fit existed (counted as missing
/// forecasts by the backtests, never dropped).
/// </summary>
public sealed record ForecastRecord(
    DateOnly OriginDate,
    double[] VaR,
    double[] ES,
    double Mean,
    double Volatility,
    FitStatus FitStatus,
    bool Refitted)
{
    /// <summary>The day the forecast is for; null until its price arrives.</summary>
    public DateOnly? TargetDate { get; init; }

    /// <summary>Realised return (percent) of <see cref="TargetDate"/>; NaN until known.</summary>
    public double Realized { get; init; } = double.NaN;

    /// <summary>
    /// The probability integral transform of <see cref="Realized"/> under the forecast's predictive distribution,
    /// P(R ≤ r), set when the day is realised (<see cref="IRiskModel.Pit"/>); NaN for models without a
    /// distribution (the LSTM), for missing forecasts and until realised.
    /// </summary>
    public double Pit { get; init; } = double.NaN;

    /// <summary>
    /// The forecast's predictive law (<see cref="IRiskModel.Law"/>), whose VaR and ES these are: what the ES backtests
    /// simulate from for their Monte Carlo p-values; null for models without a parametric law (historical simulation,
    /// FHS, GARCH-EVT, the LSTM), for missing forecasts and for forecasts made elsewhere (<c>riskgrid backtest --input</c>).
    /// </summary>
    public PredictiveLaw? Law { get; init; }

    public bool IsRealized => TargetDate.HasValue;

    public bool HasForecast => !double.IsNaN(VaR[0]);

    /// <summary>True when the realised loss exceeded VaR at level index <paramref name="level"/>.</summary>
    public bool IsException(int level) => IsRealized && HasForecast && -Realized > VaR[level];
}
