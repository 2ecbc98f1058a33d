namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A weighted portfolio of a universe's instruments under one model (keyed <c>"{universe}/{name}"</c>, <see cref="UniverseKey"/>): portfolio P&amp;L and VaR/ES
/// by historical simulation and filtered historical simulation on the joint window and by the
/// variance–covariance route, each backtested with its Basel traffic-light zone.
/// </summary>
[Alias("riskgrid.IPortfolioGrain")]
public interface IPortfolioGrain : IGrainWithStringKey
{
    /// <summary>Defines the portfolio; idempotent for the same definition, refused once it has data.</summary>
    Task<PortfolioStatus> ConfigureAsync(PortfolioDefinition definition);

    /// <summary>Pulls new prices and forecasts from the member pairs and rolls the portfolio forward.</summary>
    Task<PortfolioStatus> RefreshAsync();

    /// <summary>The portfolio's status (after a refresh).</summary>
    Task<PortfolioStatus> GetStatusAsync();

    /// <summary>Recorded forecasts of one method (<c>hs</c>, <c>fhs</c>, <c>varcov</c>, <c>dcc</c>), levels as in the definition.</summary>
    Task<ForecastPage> GetForecastsAsync(string method, int start, int count);

    /// <summary>Migration: takes over the record of the portfolio as it was keyed before portfolios belonged
    /// to a universe (by its name alone) when this one has none. True when taken over.</summary>
    Task<bool> AdoptLegacyAsync();

    /// <summary>Forgets the definition and everything computed.</summary>
    Task ResetAsync();
}
