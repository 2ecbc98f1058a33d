namespace RiskGrid.Core.Portfolio;

/// <summary>How portfolio VaR/ES is estimated from the joint window.</summary>
public enum PortfolioMethod
{
    /// <summary>Historical simulation: empirical quantile of the window's portfolio returns.</summary>
    Historical,

    /// <summary>
    /// Filtered historical simulation: each instrument's standardised residuals, rescaled by its model's
    /// next-day volatility (and shifted by its next-day mean), revalue the portfolio.
    /// </summary>
    FilteredHistorical,

    /// <summary>
    /// Variance–covariance (normal): σ²ₚ = wᵀΣw with Σ from the models' next-day volatilities and the
    /// residual correlation, or the window's sample covariance when the model gives no volatility.
    /// </summary>
    VarianceCovariance,

    /// <summary>
    /// DCC-GARCH (Engle 2002, two-step QML): the members' models are the univariate first step; the
    /// correlation dynamics of their standardised residuals are estimated on the window
    /// (<see cref="DccCorrelation"/>), and σ²ₚ = wᵀ D R_{T+1} D w with the next-day volatilities D, normal VaR/ES.
    /// </summary>
    Dcc,
}
