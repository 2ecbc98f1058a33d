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
        StandardQuantile(alpha, nu) * UnitVarianceScale(nu);

    /// <summary>
    /// The standard t_ν quantile F⁻¹(<paramref name="p"/>). MathNet's root search stops when F is within 10⁻¹² of p and
    /// brackets |x| ≤ 737, so it is off by 7% at p = 10⁻¹¹ (ν = 5) and fails outright in a heavy tail (ν = 2.1 at
    /// p = 10⁻⁸): beyond tail probability 10⁻⁶ its root is only the start of Newton's method on ln F(−|x|) − ln q (steps
    /// are ratios, safe deep in the tail), which MathNet's CDF computes to full relative precision. Above 10⁻⁶ (every
    /// VaR level in use) it is MathNet's.
    /// </summary>
    public static double StandardQuantile(double p, double nu)
    {
        // 1 − p is exact for p in [0.5, 1] (Sterbenz), so the upper tail is the lower one's mirror.
        var q = p > 0.5 ? 1 - p : p;
        if (q >= 1e-6 || !(q > 0))
        {
            return StudentT.InvCDF(0, 1, nu, p);
        }

        var x = TailQuantile(q, nu);
        return p > 0.5 ? -x : x;
    }

    // x < 0 with F(x) = q for a tail probability q below 10⁻⁶.
    private static double TailQuantile(double q, double nu)
    {
        double t;
        try
        {
            t = StudentT.InvCDF(0, 1, nu, q);
        }
        catch (NonConvergenceException)
        {
            // The power tail F(t) ≈ K ν^{(ν−1)/2} |t|^{−ν}, K = Γ((ν+1)/2)/(√(νπ) Γ(ν/2)).
            var logK = SpecialFunctions.GammaLn(0.5 * (nu + 1)) - SpecialFunctions.GammaLn(0.5 * nu) - 0.5 * Math.Log(nu * Math.PI);
            t = -Math.Exp((logK + 0.5 * (nu - 1) * Math.Log(nu) - Math.Log(q)) / nu);
        }

        var logQ = Math.Log(q);
        for (var i = 0; i < 50; i++)
        {
            var f = StudentT.CDF(0, 1, nu, t);
            if (Math.Abs(f - q) <= 1e-14 * q)
            {
                break;
            }

            var next = t - (Math.Log(f) - logQ) * f / StudentT.PDF(0, 1, nu, t);
            if (!double.IsFinite(next) || next >= 0)
            {
                break;
            }

            t = next;
        }

        return t;
    }

    /// <summary>
    /// ES at level α of a unit-variance t loss. For a standard t_ν with upper quantile q:
    /// ES = f_ν(q)/(1 − α) · (ν + q²)/(ν − 1); then scaled to unit variance.
    /// </summary>
    public static double ExpectedShortfall(double alpha, double nu) => Tail(alpha, nu).ES;

    /// <summary><see cref="Quantile"/> and <see cref="ExpectedShortfall"/> at <paramref name="alpha"/> from one quantile search
    /// (MathNet's is a root search over the CDF, most of a day's forecast cost).</summary>
    public static (double VaR, double ES) Tail(double alpha, double nu)
    {
        var q = StandardQuantile(alpha, nu);
        var scale = UnitVarianceScale(nu);
        var density = StudentT.PDF(0, 1, nu, q);
        return (q * scale, density / (1 - alpha) * (nu + q * q) / (nu - 1) * scale);
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
