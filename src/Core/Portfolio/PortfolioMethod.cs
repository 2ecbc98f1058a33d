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
}
