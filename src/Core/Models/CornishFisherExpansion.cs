using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Models;

/// <summary>
/// The Cornish–Fisher quantile expansion of a standardised variable with skewness S and excess
/// kurtosis K: w(z) = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36, and its upper-tail mean.
/// <para>
/// The tail mean is the exact integral of w over the tail: with u = Φ(z),
/// 1/(1−α)·∫_α^1 w(Φ⁻¹(u)) du = φ(z_α)/(1−α)·[1 + z_α S/6 + (z_α² − 1)K/24 − (2z_α² − 1)S²/36],
/// from ∫_z^∞ xᵏφ(x)dx for k = 0…3.
/// </para>
/// <para>
/// w is a quantile function only where it increases. For large |S| or K it does not, and then a
/// "quantile" can fall as the level rises and the tail mean can drop below VaR. Only the tail above
/// z_α matters for VaR and ES at level α, so <see cref="TailShrinkage"/> keeps (S, K) when w increases on
/// all of [z_α, ∞), and otherwise shrinks both towards the normal (S, K → t·S, t·K) by the largest
/// t in [0, 1] that makes it increase there (t = 0 is the normal, which always does).
/// </para>
/// </summary>
public static class CornishFisherExpansion
{
    /// <summary>w(z): the standardised quantile at normal quantile z.</summary>
    public static double Quantile(double z, double skewness, double excessKurtosis)
    {
        double s = skewness, k = excessKurtosis, z2 = z * z;
        return z + (z2 - 1) * s / 6 + (z2 * z - 3 * z) * k / 24 - (2 * z2 * z - 5 * z) * s * s / 36;
    }

    /// <summary>w′(z) = 1 − K/8 + 5S²/36 + (S/3)z + (K/8 − S²/6)z².</summary>
    public static double Derivative(double z, double skewness, double excessKurtosis)
    {
        var (a, b, c) = DerivativeCoefficients(skewness, excessKurtosis);
        return a + b * z + c * z * z;
    }

    /// <summary>E[W | W ≥ w(z_α)] for the expansion W = w(Z), Z standard normal: the standardised ES.</summary>
    public static double TailMean(double alpha, double skewness, double excessKurtosis)
    {
        var z = StandardNormal.Quantile(alpha);
        double s = skewness, k = excessKurtosis, z2 = z * z;
        return StandardNormal.ExpectedShortfall(alpha)
            * (1 + z * s / 6 + (z2 - 1) * k / 24 - (2 * z2 - 1) * s * s / 36);
    }

    /// <summary>True when w is non-decreasing on [z, ∞).</summary>
    public static bool IsMonotoneAbove(double z, double skewness, double excessKurtosis)
    {
        var (a, b, c) = DerivativeCoefficients(skewness, excessKurtosis);
        if (c < 0)
        {
            return false; // w′ → −∞ as z → ∞
        }

        if (c == 0)
        {
            return b >= 0 && a + b * z >= 0;
        }

        var lowest = Math.Max(z, -b / (2 * c));
        return a + b * lowest + c * lowest * lowest >= 0;
    }

    /// <summary>
    /// The factor t in [0, 1] applied to (S, K) for level α: 1 when the expansion already increases on
    /// [z_α, ∞), else the largest t for which it does (bisection to 1e-12).
    /// </summary>
    public static double TailShrinkage(double alpha, double skewness, double excessKurtosis)
    {
        var z = StandardNormal.Quantile(alpha);
        if (IsMonotoneAbove(z, skewness, excessKurtosis))
        {
            return 1;
        }

        double feasible = 0, infeasible = 1;
        while (infeasible - feasible > 1e-12)
        {
            var t = 0.5 * (feasible + infeasible);
            if (IsMonotoneAbove(z, t * skewness, t * excessKurtosis))
            {
                feasible = t;
            }
            else
            {
                infeasible = t;
            }
        }

        return feasible;
    }

    private static (double A, double B, double C) DerivativeCoefficients(double s, double k) =>
        (1 - k / 8 + 5 * s * s / 36, s / 3, k / 8 - s * s / 6);
}
