namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One instrument×model pair, keyed <c>"{instrument}/{model}"</c>: its rolling window, the fitted state
/// that warm-starts the next fit, and its forecast and exception history. Fed day by day, it gives
/// results identical to the batch Core engine.
/// </summary>
[Alias("riskgrid.IInstrumentModelGrain")]
public interface IInstrumentModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the pair's rolling settings. Idempotent for the same settings; different settings on a pair
    /// that already has prices are refused (reset it first).
    /// </summary>
    Task<PairStatus> ConfigureAsync(RollingSettings settings);

    /// <summary>
    /// Appends prices, oldest first. Prices the pair already has, identical, are skipped; a price that is
    /// not positive and finite, a date that does not increase, or a re-sent date whose price differs is
    /// refused with <see cref="PriceRejectedException"/> naming instrument, date and problem. The whole
    /// batch is checked before anything changes, so a refused batch leaves the pair as it was.
    /// </summary>
    Task<AppendResult> AppendPricesAsync(DailyPrice[] prices);

    /// <summary>VaR/ES at any level for the next day from the current window and last fit; null while
    /// the window is filling or no usable fit exists.</summary>
    Task<RiskEstimate?> GetForecastAsync(double alpha);

    /// <summary>The backtest of the recorded forecasts at <paramref name="alpha"/>, one of the pair's levels.</summary>
    Task<BacktestReport> GetBacktestAsync(double alpha);

    /// <summary>Progress and backtests at every level, for universe summaries.</summary>
    Task<PairSummary> GetSummaryAsync();

    /// <summary>Settings, progress, fitting record and latest forecast.</summary>
    Task<PairStatus> GetStatusAsync();

    /// <summary>Recorded forecasts from position <paramref name="start"/>, at most <paramref name="count"/>.</summary>
    Task<ForecastPage> GetForecastsAsync(int start, int count);

    /// <summary>Log prices from <paramref name="priceStart"/> and forecasts from
    /// <paramref name="forecastStart"/>, read together.</summary>
    Task<PairUpdates> GetUpdatesAsync(int priceStart, int forecastStart);

    /// <summary>Forgets everything: settings, prices, fits and forecasts.</summary>
    Task ResetAsync();
}
