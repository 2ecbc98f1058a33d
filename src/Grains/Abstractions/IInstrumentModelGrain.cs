namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// One instrument×model pair of a universe, keyed <c>"{universe}/{instrument}/{model}"</c> (<see cref="PairKey"/>):
/// its rolling window, the fitted state that warm-starts the next fit, and its forecast and exception
/// history (old forecasts in append-only chunks). Fed day by day, it gives results identical to the batch
/// Core engine. Prices reach it only through its universe, from the instrument's accepted prices.
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
    /// Appends the instrument's accepted prices from <see cref="PriceBatch.FirstIndex"/> on (called by the
    /// universe after the instrument accepted them): those the pair already has are skipped, those it
    /// missed before the batch are read from the instrument first. Each new price realises the pending
    /// forecast, refits when due and forecasts the next day; the pair persists once per batch.
    /// </summary>
    Task<AppendResult> AppendPricesAsync(PriceBatch batch);

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

    /// <summary>The prices the pair has taken from <paramref name="priceStart"/> on and its forecasts from
    /// <paramref name="forecastStart"/> on, read together (one consistent snapshot).</summary>
    Task<PairUpdates> GetUpdatesAsync(int priceStart, int forecastStart);

    /// <summary>
    /// Migration: takes over the state of the pair as it was keyed before pairs belonged to a universe
    /// (<c>"{instrument}/{model}"</c>) when this pair has none and that one has <paramref name="settings"/>.
    /// The old record is left as it was (other universes may take it over too). True when taken over.
    /// </summary>
    Task<bool> AdoptLegacyAsync(RollingSettings settings);

    /// <summary>Forgets everything: settings, prices, fits and forecasts.</summary>
    Task ResetAsync();
}
