namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The FZ0 joint loss of a (VaR, ES) forecast (Patton, Ziegel &amp; Chen 2019, from the Fissler–Ziegel
/// class): strictly consistent for the pair, so its expectation is minimised by the true VaR and ES, and
/// it is the zero-degree-homogeneous member, so loss differences do not depend on the units of returns.
/// </summary>
/// <remarks>
/// PZC write, for returns y, τ = 1 − α and the return-scale v = −VaR, e = −ES (e ≤ v &lt; 0),
/// <c>FZ0(y, v, e) = −1[y ≤ v](v − y)/(τ e) + v/e + log(−e) − 1</c>. In RiskGrid's loss convention
/// (L = −y, VaR and ES positive) that is
/// <c>FZ0 = 1[L &gt; VaR](L − VaR)/((1 − α) ES) + VaR/ES + log ES − 1</c> (the boundary L = VaR adds 0
/// either way). It needs ES &gt; 0: NaN otherwise (a model that gives VaR without ES is not scored).
/// </remarks>
public static class JointLoss
{
    /// <summary>FZ0 of one forecast; NaN where ES is not a positive number.</summary>
    public static double Fz0(double loss, double valueAtRisk, double expectedShortfall, double alpha)
    {
        if (!(expectedShortfall > 0) || double.IsInfinity(expectedShortfall))
        {
            return double.NaN;
        }

        var excess = loss > valueAtRisk ? (loss - valueAtRisk) / ((1 - alpha) * expectedShortfall) : 0;
        return excess + valueAtRisk / expectedShortfall + Math.Log(expectedShortfall) - 1;
    }
}
