using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Portfolio;

/// <summary>
/// Portfolio VaR and ES for the day after a joint window, by each <see cref="PortfolioMethod"/>.
/// Pure functions over the window's observations (oldest first); VaR and ES are positive losses in
/// percent of portfolio value, and the portfolio return is linear in its members' returns,
/// p = Σ wᵢ rᵢ. A method that cannot be applied to the window returns null (a missing forecast).
/// </summary>
public static class PortfolioRisk
{
    /// <summary>Σ wᵢ rᵢ, summed in member order.</summary>
    public static double Combine(IReadOnlyList<double> weights, ReadOnlySpan<double> returns)
    {
        if (returns.Length != weights.Count)
        {
            throw new ArgumentException($"{returns.Length} returns for {weights.Count} weights");
        }

        var p = 0.0;
        for (var i = 0; i < returns.Length; i++)
        {
            p += weights[i] * returns[i];
        }

        return p;
    }

    public static RiskForecast[]? Estimate(PortfolioMethod method, IReadOnlyList<JointObservation> window,
        IReadOnlyList<double> weights, IReadOnlyList<double> alphas) => method switch
        {
            PortfolioMethod.Historical => Historical(window, weights, alphas),
            PortfolioMethod.FilteredHistorical => FilteredHistorical(window, weights, alphas),
            PortfolioMethod.VarianceCovariance => VarianceCovariance(window, weights, alphas),
            PortfolioMethod.Dcc => Dcc(window, weights, alphas),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

    /// <summary>Empirical quantile (R type 7) and tail mean of the window's portfolio losses.</summary>
    public static RiskForecast[] Historical(IReadOnlyList<JointObservation> window, IReadOnlyList<double> weights,
        IReadOnlyList<double> alphas)
    {
        var losses = new double[window.Count];
        for (var t = 0; t < losses.Length; t++)
        {
            losses[t] = -Combine(weights, window[t].Returns);
        }

        return Empirical(losses, alphas, double.NaN, double.NaN);
    }

    /// <summary>
    /// Filtered historical simulation: zₜᵢ = (rₜᵢ − mₜᵢ)/sₜᵢ from each member's forecast mean and
    /// volatility for day t, revalued as r*ₜᵢ = m⁺ᵢ + zₜᵢ s⁺ᵢ with the next-day forecasts. Null when any
    /// volatility in the window or for the next day is missing or not positive. A missing mean counts as 0.
    /// </summary>
    public static RiskForecast[]? FilteredHistorical(IReadOnlyList<JointObservation> window, IReadOnlyList<double> weights,
        IReadOnlyList<double> alphas)
    {
        var z = Residuals(window);
        var last = window[^1];
        if (z is null || !AllPositive(last.NextVolatilities))
        {
            return null;
        }

        var n = weights.Count;
        var scenario = new double[n];
        var losses = new double[window.Count];
        for (var t = 0; t < losses.Length; t++)
        {
            for (var i = 0; i < n; i++)
            {
                scenario[i] = MeanOrZero(last.NextMeans[i]) + z[t][i] * last.NextVolatilities[i];
            }

            losses[t] = -Combine(weights, scenario);
        }

        return Empirical(losses, alphas, NextPortfolioMean(last, weights), double.NaN);
    }

    /// <summary>
    /// Normal variance–covariance: with every member's volatilities known over the window and for the
    /// next day, Σ = D R D (R the residual correlation, D the next-day volatilities) and μ the next-day
    /// means; otherwise Σ and μ are the window's sample covariance (n − 1) and mean of the returns.
    /// VaR = z_α σₚ − μₚ, ES = φ(z_α)/(1 − α) σₚ − μₚ.
    /// </summary>
    public static RiskForecast[]? VarianceCovariance(IReadOnlyList<JointObservation> window, IReadOnlyList<double> weights,
        IReadOnlyList<double> alphas)
    {
        var n = weights.Count;
        var last = window[^1];
        var z = AllPositive(last.NextVolatilities) ? Residuals(window) : null;
        double mean, variance;
        if (z is not null)
        {
            var r = SampleMoments.Correlation(z);
            mean = NextPortfolioMean(last, weights);
            variance = 0;
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    variance += weights[i] * weights[k] * r[i, k] * last.NextVolatilities[i] * last.NextVolatilities[k];
                }
            }
        }
        else
        {
            var rows = window.Select(o => o.Returns).ToArray();
            var (mu, cov) = SampleMoments.MeanAndCovariance(rows);
            mean = 0;
            variance = 0;
            for (var i = 0; i < n; i++)
            {
                mean += weights[i] * mu[i];
                for (var k = 0; k < n; k++)
                {
                    variance += weights[i] * weights[k] * cov[i, k];
                }
            }
        }

        return Normal(mean, variance, alphas);
    }

    /// <summary>
    /// DCC-GARCH: the members' standardised residuals over the window give the DCC(1,1) correlation
    /// estimate (<see cref="DccCorrelation.Estimate"/>) and its one-step forecast R_{T+1}; Σ = D R_{T+1} D with
    /// the next-day volatilities, μ the next-day means, VaR = z_α σₚ − μₚ, ES = φ(z_α)/(1 − α) σₚ − μₚ.
    /// A one-member portfolio needs no correlation (its member's volatility alone). Null when a volatility is
    /// missing (e.g. historical-simulation members) or the estimate fails.
    /// </summary>
    public static RiskForecast[]? Dcc(IReadOnlyList<JointObservation> window, IReadOnlyList<double> weights,
        IReadOnlyList<double> alphas)
    {
        var n = weights.Count;
        var last = window[^1];
        var z = AllPositive(last.NextVolatilities) ? Residuals(window) : null;
        if (z is null)
        {
            return null;
        }

        double[,] r;
        if (n == 1)
        {
            r = new double[,] { { 1 } };
        }
        else if (DccCorrelation.Estimate(z) is { } fit)
        {
            r = DccCorrelation.NextCorrelation(z, fit.A, fit.B, fit.Target);
        }
        else
        {
            return null;
        }

        var mean = NextPortfolioMean(last, weights);
        double variance = 0;
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                variance += weights[i] * weights[k] * r[i, k] * last.NextVolatilities[i] * last.NextVolatilities[k];
            }
        }

        return Normal(mean, variance, alphas);
    }

    // Normal VaR = z_α σ − μ and ES = φ(z_α)/(1 − α) σ − μ; null for a non-finite mean or variance.
    private static RiskForecast[]? Normal(double mean, double variance, IReadOnlyList<double> alphas)
    {
        if (!double.IsFinite(variance) || !double.IsFinite(mean))
        {
            return null;
        }

        var sigma = Math.Sqrt(Math.Max(variance, 0));
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var a = alphas[k];
            result[k] = new RiskForecast(a, StandardNormal.Quantile(a) * sigma - mean,
                StandardNormal.ExpectedShortfall(a) * sigma - mean, mean, sigma);
        }

        return result;
    }

    private static RiskForecast[] Empirical(double[] losses, IReadOnlyList<double> alphas, double mean, double volatility)
    {
        Array.Sort(losses);
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var (var, es) = EmpiricalQuantile.TailOfSorted(losses, alphas[k]);
            result[k] = new RiskForecast(alphas[k], var, es, mean, volatility);
        }

        return result;
    }

    // Standardised residuals of every member on every day of the window, or null when a volatility is missing.
    private static double[][]? Residuals(IReadOnlyList<JointObservation> window)
    {
        var z = new double[window.Count][];
        for (var t = 0; t < window.Count; t++)
        {
            var o = window[t];
            if (!AllPositive(o.Volatilities))
            {
                return null;
            }

            z[t] = new double[o.Members];
            for (var i = 0; i < o.Members; i++)
            {
                z[t][i] = (o.Returns[i] - MeanOrZero(o.Means[i])) / o.Volatilities[i];
            }
        }

        return z;
    }

    private static double NextPortfolioMean(JointObservation last, IReadOnlyList<double> weights)
    {
        var m = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            m += weights[i] * MeanOrZero(last.NextMeans[i]);
        }

        return m;
    }

    private static double MeanOrZero(double mean) => double.IsFinite(mean) ? mean : 0;

    private static bool AllPositive(double[] values)
    {
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v))
            {
                return false;
            }
        }

        return true;
    }
}
