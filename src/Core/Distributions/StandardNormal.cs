using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Distributions;

/// <summary>The standard normal as an innovation distribution: unit variance, upper-tail VaR/ES.</summary>
public static class StandardNormal
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;

    /// <summary>Upper-tail quantile z_α (e.g. 2.326 at α = 0.99): the VaR of a unit-variance loss.</summary>
    public static double Quantile(double alpha) => Normal.InvCDF(0, 1, alpha);

    /// <summary>ES of a standard normal loss at level α: φ(z_α) / (1 − α).</summary>
    public static double ExpectedShortfall(double alpha)
    {
        var z = Quantile(alpha);
        return Math.Exp(-0.5 * z * z - LogSqrtTwoPi) / (1 - alpha);
    }

    /// <summary>Φ(z), the CDF.</summary>
    public static double Cdf(double z) => Normal.CDF(0, 1, z);

    /// <summary>log φ(z), all constants included.</summary>
    public static double LogDensity(double z) => -LogSqrtTwoPi - 0.5 * z * z;
}
