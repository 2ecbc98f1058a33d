using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Unit-variance Student-t innovations with ν degrees of freedom (fGarch's "std", arch's "t"):
/// ℓ_t = c(ν) − ½ ln σ²_t − (ν+1)/2 · ln(1 + ε²_t/((ν−2)σ²_t)), c(ν) from
/// <see cref="StandardizedStudentT.LogNormalisingConstant"/>. ν ∈ [<see cref="MinNu"/>, <see cref="MaxNu"/>];
/// the working coordinate is 1/ν, whose curvature is far closer to the other parameters' than ν's.
/// </summary>
public sealed class StudentTInnovation : InnovationDistribution
{
    public const double MinNu = 2.05;

    public const double MaxNu = 100;

    public override string Name => "Student-t";

    /// <summary>Student-t: a logarithm per observation and the shape parameter.</summary>
    public override double RelativeCost => 1.3;

    public override IReadOnlyList<string> ParameterNames { get; } = ["nu"];

    public override IReadOnlyList<double> WorkingLower { get; } = [1 / MaxNu];

    public override IReadOnlyList<double> WorkingUpper { get; } = [1 / MinNu];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working) =>
        working[0] = 1 / natural[0];

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var nu = 1 / working[0];
        natural[0] = nu;
        jacobian[0] = -nu * nu;
    }

    public override string DescribeBound(int index, bool upper) =>
        upper ? $"nu at its lower bound {MinNu}" : $"nu at its upper bound {MaxNu} (close to normal)";

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters)
    {
        var nu = parameters[0];
        var (sumLogH, sumLogQ, _) = VectorKernels.StudentT(residuals, variance, nu, 1 / (nu - 2), default, default, weights: false);
        return residuals.Length * StandardizedStudentT.LogNormalisingConstant(nu) - 0.5 * sumLogH - 0.5 * (nu + 1) * sumLogQ;
    }

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceWeights, Span<double> residualWeights, Span<double> gradient)
    {
        var nu = parameters[0];
        var scale = 1 / (nu - 2);
        var (sumLogH, sumLogQ, sumQRatio) =
            VectorKernels.StudentT(residuals, variance, nu, scale, varianceWeights, residualWeights, weights: true);
        var n = residuals.Length;
        // ∂ln(1 + q)/∂ν = −q/((ν−2)(1+q)).
        var dConstant = 0.5 * (SpecialFunctions.DiGamma(0.5 * (nu + 1)) - SpecialFunctions.DiGamma(0.5 * nu)) - 0.5 * scale;
        gradient[0] = n * dConstant - 0.5 * sumLogQ + 0.5 * (nu + 1) * scale * sumQRatio;
        return n * StandardizedStudentT.LogNormalisingConstant(nu) - 0.5 * sumLogH - 0.5 * (nu + 1) * sumLogQ;
    }

    public override bool HasSecondDerivatives => true;

    /// <summary>
    /// With s = 1/(ν−2), A = (ν+1)/2, q = ε²s/σ², D = 1 + q: ∂²ℓ/∂σ⁴ = ½/σ⁴ + A·q(q/D − 2)/(σ⁴D),
    /// ∂²ℓ/∂σ²∂ε = 2Aεs/(σ⁴D²), ∂²ℓ/∂ε² = −2As(1 − q)/(σ²D²), ∂²ℓ/∂σ²∂ν = (½q/D − Aqs/D²)/σ²,
    /// ∂²ℓ/∂ε∂ν = −(εs/σ²)(1/D − 2As/D + 2Aqs/D²), ∂²ℓ/∂ν² = c''(ν) + qs/D − 2Aqs²/D + Aq²s²/D², with
    /// c''(ν) = ¼(ψ'((ν+1)/2) − ψ'(ν/2)) + ½s².
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void SecondDerivatives(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceVariance, Span<double> varianceResidual,
        Span<double> residualResidual, Span<double> varianceParameter, Span<double> residualParameter,
        Span<double> parameterParameter)
    {
        var nu = parameters[0];
        var s = 1 / (nu - 2);
        var a = 0.5 * (nu + 1);
        double nuNu = 0;
        for (var t = 0; t < residuals.Length; t++)
        {
            var e = residuals[t];
            var inverse = 1 / variance[t];
            var q = e * e * s * inverse;
            var invD = 1 / (1 + q);
            var qd = q * invD;
            varianceVariance[t] = (0.5 + a * qd * (qd - 2)) * inverse * inverse;
            varianceResidual[t] = 2 * a * e * s * invD * invD * inverse * inverse;
            residualResidual[t] = -2 * a * s * (1 - q) * invD * invD * inverse;
            varianceParameter[t] = (0.5 * qd - a * s * qd * invD) * inverse;
            residualParameter[t] = -e * s * inverse * invD * (1 - 2 * a * s + 2 * a * s * qd);
            nuNu += qd * s * (1 - 2 * a * s + a * s * q * invD);
        }

        var constant = 0.25 * (Trigamma(0.5 * (nu + 1)) - Trigamma(0.5 * nu)) + 0.5 * s * s;
        parameterParameter[0] = residuals.Length * constant + nuNu;
    }

    /// <summary>ψ'(x) for x &gt; 0: the recurrence ψ'(x) = ψ'(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
    /// (error below 1e-15 relative there).</summary>
    internal static double Trigamma(double x)
    {
        double sum = 0;
        while (x < 10)
        {
            sum += 1 / (x * x);
            x += 1;
        }

        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        // 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹) + 5/(66x¹¹).
        var series = inverse2 * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 * (1.0 / 30 - inverse2 * 5.0 / 66))));
        return sum + inverse + 0.5 * inverse2 + inverse * series;
    }

    public override double Quantile(double alpha, ReadOnlySpan<double> parameters) =>
        StandardizedStudentT.Quantile(alpha, parameters[0]);

    public override double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters) =>
        StandardizedStudentT.ExpectedShortfall(alpha, parameters[0]);

    public override (double VaR, double ES) Tail(double alpha, ReadOnlySpan<double> parameters) =>
        StandardizedStudentT.Tail(alpha, parameters[0]);

    public override double LogDensity(double z, ReadOnlySpan<double> parameters) =>
        StandardizedStudentT.LogDensity(z, parameters[0]);

    public override double Cdf(double z, ReadOnlySpan<double> parameters) =>
        StandardizedStudentT.Cdf(z, parameters[0]);

    public override double Sample(Random random, ReadOnlySpan<double> parameters)
    {
        var nu = parameters[0];
        return StudentT.Sample(random, 0, 1, nu) * StandardizedStudentT.UnitVarianceScale(nu);
    }

    /// <summary>ν from the sample excess kurtosis κ of the returns (a t_ν has κ = 6/(ν − 4)), within [4, 30];
    /// 8 when the returns are not fat-tailed. The kurtosis of raw returns also carries the volatility
    /// clustering, so this errs towards fat tails; the optimiser corrects it.</summary>
    public override double[] StartingValues(ReadOnlySpan<double> returns)
    {
        var scale = DataScale.Of(returns);
        double m4 = 0;
        foreach (var r in returns)
        {
            var d = r - scale.Mean;
            m4 += d * d * d * d;
        }

        var excess = m4 / returns.Length / (scale.Variance * scale.Variance) - 3;
        var nu = excess > 0 ? 4 + 6 / excess : 8;
        return [Math.Clamp(nu, 4, 30)];
    }
}
