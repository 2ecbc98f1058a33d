using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Distributions;

/// <summary>
/// Student-t with ν &gt; 2 degrees of freedom scaled to unit variance (the GARCH innovation
/// convention of fGarch's "std" and arch's "t"): z = t·√((ν−2)/ν).
/// </summary>
public static class StandardizedStudentT
{
    /// <summary>Scale that turns a standard t_ν variate into a unit-variance one.</summary>
    public static double UnitVarianceScale(double nu)
    {
        CheckNu(nu);
        return Math.Sqrt((nu - 2) / nu);
    }

    /// <summary>Upper-tail quantile at α of the unit-variance t: the VaR of a unit-variance loss.</summary>
    public static double Quantile(double alpha, double nu) =>
        StudentT.InvCDF(0, 1, nu, alpha) * UnitVarianceScale(nu);

    /// <summary>
    /// ES at level α of a unit-variance t loss. For a standard t_ν with upper quantile q:
    /// ES = f_ν(q)/(1 − α) · (ν + q²)/(ν − 1); then scaled to unit variance.
    /// </summary>
    public static double ExpectedShortfall(double alpha, double nu)
    {
        var q = StudentT.InvCDF(0, 1, nu, alpha);
        var density = StudentT.PDF(0, 1, nu, q);
        return density / (1 - alpha) * (nu + q * q) / (nu - 1) * UnitVarianceScale(nu);
    }

    /// <summary>P(Z ≤ z) for the unit-variance t: the standard t_ν CDF at z/√((ν−2)/ν).</summary>
    public static double Cdf(double z, double nu) => StudentT.CDF(0, 1, nu, z / UnitVarianceScale(nu));

    /// <summary>log density of the unit-variance t at z, all constants included.</summary>
    public static double LogDensity(double z, double nu) =>
        LogNormalisingConstant(nu) - 0.5 * (nu + 1) * Math.Log(1 + z * z / (nu - 2));

    /// <summary>log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(π(ν−2)): the part of <see cref="LogDensity"/>
    /// that does not depend on z (compute once per likelihood evaluation).</summary>
    public static double LogNormalisingConstant(double nu) =>
        SpecialFunctions.GammaLn(0.5 * (nu + 1)) - SpecialFunctions.GammaLn(0.5 * nu) - 0.5 * Math.Log(Math.PI * (nu - 2));

    private static void CheckNu(double nu)
    {
        if (!(nu > 2))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "a unit-variance Student-t needs more than 2 degrees of freedom");
        }
    }
}
