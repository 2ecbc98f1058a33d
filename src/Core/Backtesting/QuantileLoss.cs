namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Quantile (tick, pinball) loss of a VaR forecast, the strictly consistent scoring function of
/// a quantile (Gneiting 2011): lower is better, and its expectation is minimised by the true VaR.
/// In the loss convention (L = −r, VaR the α-quantile of L), with u = L − VaR:
/// <c>ρ_α(u) = u (α − 1[u &lt; 0])</c>, i.e. α (L − VaR) on an exception and (1 − α)(VaR − L)
/// otherwise. Equal to the return-convention loss (τ − 1[r &lt; −VaR])(r + VaR) with τ = 1 − α
/// used by González-Rivera et al. (2004) and R's GAS::BacktestVaR.
/// </summary>
public static class QuantileLoss
{
    /// <summary>The loss of one forecast: realised loss <paramref name="loss"/> against <paramref name="valueAtRisk"/>.</summary>
    public static double Of(double loss, double valueAtRisk, double alpha)
    {
        var u = loss - valueAtRisk;
        return u > 0 ? alpha * u : (1 - alpha) * -u;
    }

    /// <summary>Average loss over paired days; NaN when there are none.</summary>
    public static double Average(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk, double alpha)
    {
        BacktestArguments.CheckAlpha(alpha);
        BacktestArguments.CheckSameLength(losses.Length, valueAtRisk.Length, nameof(valueAtRisk));
        if (losses.Length == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var t = 0; t < losses.Length; t++)
        {
            sum += Of(losses[t], valueAtRisk[t], alpha);
        }

        return sum / losses.Length;
    }
}
