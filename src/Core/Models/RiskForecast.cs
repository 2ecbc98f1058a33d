namespace RiskGrid.Core.Models;

/// <summary>
/// A one-day-ahead risk forecast at confidence level <see cref="Alpha"/> (e.g. 0.99), in percent
/// of position value. VaR and ES are positive losses: P(−r &gt; VaR) = 1 − α and
/// ES = E[−r | −r ≥ VaR], so ES ≥ VaR.
/// </summary>
/// <param name="Alpha">Confidence level in (0, 1).</param>
/// <param name="VaR">Value-at-Risk as a positive loss.</param>
/// <param name="ES">Expected Shortfall as a positive loss.</param>
/// <param name="Mean">Forecast conditional mean return (NaN when the model has none).</param>
/// <param name="Volatility">Forecast conditional standard deviation (NaN when the model has none).</param>
public readonly record struct RiskForecast(double Alpha, double VaR, double ES, double Mean, double Volatility)
{
    /// <summary>
    /// NaN at every level: the forecast of a model whose fit is not usable (estimation failed), so that a
    /// rolling run records the missing forecast and goes on.
    /// </summary>
    internal static RiskForecast[] Unavailable(IReadOnlyList<double> alphas)
    {
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            result[k] = new RiskForecast(alphas[k], double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return result;
    }
}
