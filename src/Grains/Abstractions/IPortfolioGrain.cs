namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A weighted portfolio of instruments under one model (keyed by its name): portfolio P&amp;L and VaR/ES
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

    /// <summary>Forgets the definition and everything computed.</summary>
    Task ResetAsync();
}
