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
/// <para>
/// As a distribution (for the PIT, <see cref="Cdf"/>) w must increase on the whole line: w′ ≥ 0 everywhere, i.e.
/// K/8 − S²/6 &gt; 0 and (S/3)² ≤ 4(1 − K/8 + 5S²/36)(K/8 − S²/6) (the expansion's domain of validity, about
/// 0 &lt; K ≤ 8 for small S). <see cref="Shrinkage"/> is the same shrinkage towards the normal as
/// <see cref="TailShrinkage"/>, to that condition on the whole line (K ≤ 0 or S ≠ 0 with K = 0 give t = 0, the normal).
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

    /// <summary>True when w is non-decreasing on the whole line, so that w(Φ⁻¹(u)) is a quantile function.</summary>
    public static bool IsMonotone(double skewness, double excessKurtosis)
    {
        var (a, b, c) = DerivativeCoefficients(skewness, excessKurtosis);
        return c > 0 ? b * b <= 4 * a * c : c == 0 && b == 0 && a >= 0;
    }

    /// <summary>
    /// The factor t in [0, 1] applied to (S, K) so that w increases on the whole line: 1 when it already does,
    /// else the largest t for which it does (bisection to 1e-12; 0, the normal, when only it does).
    /// </summary>
    public static double Shrinkage(double skewness, double excessKurtosis)
    {
        if (IsMonotone(skewness, excessKurtosis))
        {
            return 1;
        }

        double feasible = 0, infeasible = 1;
        while (infeasible - feasible > 1e-12)
        {
            var t = 0.5 * (feasible + infeasible);
            if (IsMonotone(t * skewness, t * excessKurtosis))
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

    /// <summary>
    /// P(W ≤ x) for W = w(Z), Z standard normal: Φ(z) with w(z) = x, z by bisection on [−40, 40] to the last
    /// bit. (S, K) must make w increase on the whole line (<see cref="IsMonotone"/>; shrink with <see cref="Shrinkage"/>).
    /// </summary>
    public static double Cdf(double x, double skewness, double excessKurtosis)
    {
        if (!IsMonotone(skewness, excessKurtosis))
        {
            throw new ArgumentException($"the Cornish–Fisher expansion with skewness {skewness} and excess kurtosis {excessKurtosis} is not increasing; shrink it first");
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double lo = -40, hi = 40;
        if (x <= Quantile(lo, skewness, excessKurtosis))
        {
            return 0;
        }

        if (x >= Quantile(hi, skewness, excessKurtosis))
        {
            return 1;
        }

        while (true)
        {
            var mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            if (Quantile(mid, skewness, excessKurtosis) <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return StandardNormal.Cdf(0.5 * (lo + hi));
    }

    private static (double A, double B, double C) DerivativeCoefficients(double s, double k) =>
        (1 - k / 8 + 5 * s * s / 36, s / 3, k / 8 - s * s / 6);
}
