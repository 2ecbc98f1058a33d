using MathNet.Numerics;

namespace RiskGrid.Core.Distributions;

/// <summary>
/// The generalised error distribution with zero mean and unit variance, shape ν &gt; 0 (fGarch's and arch's
/// "ged": ν = 2 is the normal, ν = 1 the Laplace, ν &lt; 2 fatter tails):
/// f(z) = ν·exp(−½|z/λ|^ν)/(λ·2^(1+1/ν)·Γ(1/ν)), λ = √(2^(−2/ν)·Γ(1/ν)/Γ(3/ν)).
/// |z/λ|^ν/2 is Gamma(1/ν, 1), so the CDF, quantile and tail mean are regularised incomplete gammas.
/// </summary>
public static class GeneralizedError
{
    /// <summary>λ(ν), the scale that gives unit variance.</summary>
    public static double Scale(double nu)
    {
        Check(nu);
        return Math.Exp(LogScale(nu));
    }

    /// <summary>log f(z), all constants included.</summary>
    public static double LogDensity(double z, double nu) =>
        LogNormalisingConstant(nu) - 0.5 * Math.Pow(Math.Abs(z) / Scale(nu), nu);

    /// <summary>ln ν − ln λ − (1 + 1/ν) ln 2 − ln Γ(1/ν): the part of <see cref="LogDensity"/> free of z.</summary>
    public static double LogNormalisingConstant(double nu) =>
        Math.Log(nu) - LogScale(nu) - (1 + 1 / nu) * Math.Log(2) - SpecialFunctions.GammaLn(1 / nu);

    /// <summary>P(Z ≤ z) = ½ ± ½·P(1/ν, |z/λ|^ν/2).</summary>
    public static double Cdf(double z, double nu)
    {
        var y = 0.5 * Math.Pow(Math.Abs(z) / Scale(nu), nu);
        // The tail through the upper incomplete gamma, so that small tail probabilities keep their digits.
        var tail = 0.5 * SpecialFunctions.GammaUpperRegularized(1 / nu, y);
        return z < 0 ? tail : 1 - tail;
    }

    /// <summary>The VaR of a unit-variance loss at level α ∈ (½, 1) (the distribution is symmetric): the z with
    /// P(Z &gt; z) = 1 − α, i.e. λ·(2·Q⁻¹(1/ν, 2(1 − α)))^(1/ν), Newton-polished on the CDF.</summary>
    public static double LossQuantile(double alpha, double nu)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "a level in (0, 1)");
        }

        if (alpha < 0.5)
        {
            return -LossQuantile(1 - alpha, nu);
        }

        var scale = Scale(nu);
        var tail = 1 - alpha;
        // P(1/ν, y) = 2α − 1, taken as the lower inverse (MathNet has no upper inverse).
        var y = SpecialFunctions.GammaLowerRegularizedInv(1 / nu, 2 * alpha - 1);
        var z = scale * Math.Pow(2 * y, 1 / nu);
        for (var i = 0; i < 3 && z > 0; i++)
        {
            var density = Math.Exp(LogDensity(z, nu));
            var upper = 0.5 * SpecialFunctions.GammaUpperRegularized(1 / nu, 0.5 * Math.Pow(z / scale, nu));
            var step = (tail - upper) / density;
            if (!double.IsFinite(step))
            {
                break;
            }

            z -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, z))
            {
                break;
            }
        }

        return z;
    }

    /// <summary>The p-quantile F⁻¹(p).</summary>
    public static double InverseCdf(double p, double nu) => -LossQuantile(1 - p, nu);

    /// <summary>
    /// ES at level α of the unit-variance loss: E[Z | Z ≥ q] = (1/(1 − α))·∫_q^∞ z f(z) dz, and
    /// ∫_q^∞ z f(z) dz = ½·λ·2^(1/ν)·Γ(2/ν)/Γ(1/ν)·Q(2/ν, (q/λ)^ν/2) for q ≥ 0.
    /// </summary>
    public static double LossExpectedShortfall(double alpha, double nu)
    {
        var q = LossQuantile(alpha, nu);
        return UpperPartialMean(q, nu) / (1 - alpha);
    }

    /// <summary>∫_q^∞ z f(z) dz (the upper partial first moment); the same for −q, since ∫_{−|q|}^{|q|} z f(z) dz = 0.</summary>
    public static double UpperPartialMean(double q, double nu)
    {
        var scale = Scale(nu);
        var factor = 0.5 * scale * Math.Pow(2, 1 / nu) * Math.Exp(SpecialFunctions.GammaLn(2 / nu) - SpecialFunctions.GammaLn(1 / nu));
        var y = 0.5 * Math.Pow(Math.Abs(q) / scale, nu);
        return factor * SpecialFunctions.GammaUpperRegularized(2 / nu, y);
    }

    /// <summary>One draw: ±λ·(2G)^(1/ν) with G ~ Gamma(1/ν, 1).</summary>
    public static double Sample(Random random, double nu)
    {
        var g = MathNet.Numerics.Distributions.Gamma.Sample(random, 1 / nu, 1);
        var magnitude = Scale(nu) * Math.Pow(2 * g, 1 / nu);
        return random.NextDouble() < 0.5 ? -magnitude : magnitude;
    }

    /// <summary>ln λ = ½(−(2/ν) ln 2 + ln Γ(1/ν) − ln Γ(3/ν)).</summary>
    internal static double LogScale(double nu) =>
        0.5 * (-2 / nu * Math.Log(2) + SpecialFunctions.GammaLn(1 / nu) - SpecialFunctions.GammaLn(3 / nu));

    /// <summary>d ln λ/dν.</summary>
    internal static double LogScaleSlope(double nu) =>
        0.5 * (2 * Math.Log(2) - SpecialFunctions.DiGamma(1 / nu) + 3 * SpecialFunctions.DiGamma(3 / nu)) / (nu * nu);

    private static void Check(double nu)
    {
        if (!(nu > 0) || !double.IsFinite(nu))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "the GED shape must be positive");
        }
    }
}
