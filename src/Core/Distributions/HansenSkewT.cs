using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Distributions;

/// <summary>
/// Hansen's (1994) skewed Student-t with zero mean and unit variance, in arch's parameterisation:
/// η &gt; 2 degrees of freedom and skewness λ ∈ (−1, 1) (λ &lt; 0: a longer left tail; λ = 0: the
/// unit-variance t). With c = Γ((η+1)/2)/(√(π(η−2))·Γ(η/2)), a = 4λc(η−2)/(η−1) and b² = 1 + 3λ² − a²,
/// f(z) = b·c·(1 + w²/(η−2))^(−(η+1)/2), w = (bz + a)/(1 − λ) below the mode −a/b and (bz + a)/(1 + λ) above:
/// each side is a unit-variance t, rescaled. Hence the CDF, quantile and tail moments in closed form from
/// the t's (<see cref="StandardizedStudentT"/>).
/// </summary>
public static class HansenSkewT
{
    /// <summary>The constants (a, b, c) of the density.</summary>
    public static (double A, double B, double C) Constants(double eta, double lambda)
    {
        Check(eta, lambda);
        var c = Math.Exp(StandardizedStudentT.LogNormalisingConstant(eta));
        var a = 4 * lambda * c * (eta - 2) / (eta - 1);
        var b = Math.Sqrt(1 + 3 * lambda * lambda - a * a);
        return (a, b, c);
    }

    /// <summary>log f(z), all constants included.</summary>
    public static double LogDensity(double z, double eta, double lambda)
    {
        var (a, b, c) = Constants(eta, lambda);
        var w = (b * z + a) / (z < -a / b ? 1 - lambda : 1 + lambda);
        return Math.Log(b * c) - 0.5 * (eta + 1) * Math.Log(1 + w * w / (eta - 2));
    }

    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z, double eta, double lambda)
    {
        var (a, b, _) = Constants(eta, lambda);
        var toT = Math.Sqrt(eta / (eta - 2));
        if (z < -a / b)
        {
            return (1 - lambda) * StudentT.CDF(0, 1, eta, (b * z + a) / (1 - lambda) * toT);
        }

        return 0.5 * (1 - lambda) + (1 + lambda) * (StudentT.CDF(0, 1, eta, (b * z + a) / (1 + lambda) * toT) - 0.5);
    }

    /// <summary>The p-quantile F⁻¹(p), p ∈ (0, 1): each side's t quantile (<see cref="TQuantile"/>), rescaled.</summary>
    public static double InverseCdf(double p, double eta, double lambda)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability in (0, 1)");
        }

        var (a, b, _) = Constants(eta, lambda);
        var toUnit = Math.Sqrt((eta - 2) / eta);
        var split = 0.5 * (1 - lambda);
        return p < split
            ? ((1 - lambda) * toUnit * TQuantile(p / (1 - lambda), eta) - a) / b
            : ((1 + lambda) * toUnit * -TQuantile(1 - (0.5 + (p - split) / (1 + lambda)), eta) - a) / b;
    }

    /// <summary>
    /// The p-quantile of the standard t_ν for p ≤ ½ (the upper half by symmetry): Newton on ln F from the
    /// Cornish–Fisher start (Abramowitz–Stegun 26.7.5), to |F(t) − p| ≤ 1e-14·p; MathNet's bracketing root
    /// (about fifty times slower) where Newton does not get there.
    /// </summary>
    public static double TQuantile(double p, double nu)
    {
        if (p > 0.5)
        {
            return -TQuantile(1 - p, nu);
        }

        if (p == 0.5)
        {
            return 0;
        }

        var x = StandardNormal.Quantile(1 - p) * -1;
        var (x2, inv) = (x * x, 1 / nu);
        var g1 = (x2 + 1) * x / 4;
        var g2 = ((5 * x2 + 16) * x2 + 3) * x / 96;
        var g3 = (((3 * x2 + 19) * x2 + 17) * x2 - 15) * x / 384;
        var t = x + inv * (g1 + inv * (g2 + inv * g3));
        if (!(t < 0) || !double.IsFinite(t))
        {
            t = x;
        }

        var logP = Math.Log(p);
        for (var i = 0; i < 30; i++)
        {
            var f = StudentT.CDF(0, 1, nu, t);
            if (Math.Abs(f - p) <= 1e-14 * p)
            {
                return t;
            }

            // Newton on ln F(t) − ln p: steps are ratios, safe deep in the tail.
            var step = (Math.Log(f) - logP) * f / StudentT.PDF(0, 1, nu, t);
            var next = t - step;
            if (!double.IsFinite(next) || next >= 0)
            {
                break;
            }

            t = next;
        }

        return StandardizedStudentT.StandardQuantile(p, nu);
    }

    /// <summary>The VaR of a unit-variance loss L = −Z at level α: −F⁻¹(1 − α).</summary>
    public static double LossQuantile(double alpha, double eta, double lambda) => -InverseCdf(1 - alpha, eta, lambda);

    /// <summary>
    /// The ES of L = −Z at level α: −E[Z | Z ≤ q], q = F⁻¹(1 − α), from ∫_{−∞}^{q} z f(z) dz in closed form.
    /// On each side z = (s·w − a)/b with w a unit-variance t, so the integral is (s/b)·(s·M(w) − a·G(w)) with
    /// G the unit-variance t's CDF and M(w) = ∫_{−∞}^{w} u g(u) du = −c(η−2)/(η−1)·(1 + w²/(η−2))^(−(η−1)/2).
    /// </summary>
    public static double LossExpectedShortfall(double alpha, double eta, double lambda) => LossTail(alpha, eta, lambda).ES;

    /// <summary>VaR and ES of the loss at level α together (one quantile).</summary>
    public static (double VaR, double ES) LossTail(double alpha, double eta, double lambda)
    {
        var p = 1 - alpha;
        var q = InverseCdf(p, eta, lambda);
        return (-q, -PartialMean(q, eta, lambda) / p);
    }

    /// <summary>∫_{−∞}^{q} z f(z) dz (the lower partial first moment).</summary>
    public static double PartialMean(double q, double eta, double lambda)
    {
        var (a, b, c) = Constants(eta, lambda);
        var toT = Math.Sqrt(eta / (eta - 2));
        double M(double w) => -c * (eta - 2) / (eta - 1) * Math.Pow(1 + w * w / (eta - 2), -0.5 * (eta - 1));
        double G(double w) => StudentT.CDF(0, 1, eta, w * toT);
        var left = 1 - lambda;
        if (q < -a / b)
        {
            var w = (b * q + a) / left;
            return left / b * (left * M(w) - a * G(w));
        }

        var right = 1 + lambda;
        var v = (b * q + a) / right;
        var whole = left / b * (left * M(0) - 0.5 * a);
        return whole + right / b * (right * (M(v) - M(0)) - a * (G(v) - 0.5));
    }

    /// <summary>One draw by inversion.</summary>
    public static double Sample(Random random, double eta, double lambda)
    {
        double u;
        do
        {
            u = random.NextDouble();
        }
        while (u <= 0);

        return InverseCdf(u, eta, lambda);
    }

    /// <summary>d ln c/dη.</summary>
    internal static double LogConstantSlope(double eta) =>
        0.5 * (SpecialFunctions.DiGamma(0.5 * (eta + 1)) - SpecialFunctions.DiGamma(0.5 * eta)) - 0.5 / (eta - 2);

    private static void Check(double eta, double lambda)
    {
        if (!(eta > 2))
        {
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "the skewed t needs more than 2 degrees of freedom");
        }

        if (!(lambda > -1 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the skewness lambda lies in (-1, 1)");
        }
    }
}
