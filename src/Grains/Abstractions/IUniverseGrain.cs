namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The coordinator of a universe (keyed by its name): registers instruments, models and portfolios,
/// fans new prices out to every affected instrument×model pair (each re-forecasts and updates its
/// backtest), refreshes the portfolios, and reports a universe-wide summary.
/// </summary>
[Alias("riskgrid.IUniverseGrain")]
public interface IUniverseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the rolling settings and models. Idempotent for the same definition; models may be added
    /// until the first prices arrive; changing settings after that is refused.
    /// </summary>
    Task<UniverseDefinition> ConfigureAsync(RollingSettings settings, string[] models);

    /// <summary>Registers instruments (idempotent) and configures their pairs.</summary>
    Task<UniverseDefinition> AddInstrumentsAsync(string[] instruments);

    /// <summary>
    /// Sends new prices to every model of each instrument. Unknown instruments and prices that are bad in
    /// themselves (NaN, not positive, dates not increasing) are refused before any pair is touched.
    /// </summary>
    Task<PushResult> PushPricesAsync(InstrumentPrices[] prices);

    /// <summary>Registers (or redefines, before it has data) a portfolio of this universe's instruments.</summary>
    Task<PortfolioStatus> AddPortfolioAsync(string name, PortfolioWeight[] weights, string model);

    /// <summary>Instruments, models, settings and portfolios.</summary>
    Task<UniverseDefinition> GetDefinitionAsync();

    /// <summary>Progress and, per model, pooled exception rates and Basel zone counts.</summary>
    Task<UniverseSummary> GetSummaryAsync();

    /// <summary>Resets every pair and portfolio of the universe and forgets its settings, models,
    /// instruments and portfolios.</summary>
    Task ResetAsync();
}
