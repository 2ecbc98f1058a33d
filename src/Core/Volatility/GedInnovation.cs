using MathNet.Numerics;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Generalised-error innovations (<see cref="GeneralizedError"/>; fGarch's and arch's "ged") with shape ν
/// (nu): ℓ_t = K(ν) − ½ ln σ²_t − ½·|z_t/λ(ν)|^ν, z_t = ε_t/σ_t. ν ∈ [<see cref="MinNu"/>, <see cref="MaxNu"/>];
/// working coordinate ln ν.
/// </summary>
public sealed class GedInnovation : InnovationDistribution
{
    public const double MinNu = 0.5;

    public const double MaxNu = 50;

    public override string Name => "GED";

    /// <summary>GED: a power per observation and the shape parameter.</summary>
    public override double RelativeCost => 1.5;

    public override IReadOnlyList<string> ParameterNames { get; } = ["nu"];

    public override IReadOnlyList<double> WorkingLower { get; } = [Math.Log(MinNu)];

    public override IReadOnlyList<double> WorkingUpper { get; } = [Math.Log(MaxNu)];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working) =>
        working[0] = Math.Log(natural[0]);

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var nu = Math.Exp(working[0]);
        natural[0] = nu;
        jacobian[0] = nu;
    }

    public override string DescribeBound(int index, bool upper) =>
        upper ? $"nu at its upper bound {MaxNu} (close to uniform)" : $"nu at its lower bound {MinNu}";

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters)
    {
        var nu = parameters[0];
        var invScale = 1 / GeneralizedError.Scale(nu);
        double sum = 0;
        for (var t = 0; t < residuals.Length; t++)
        {
            var h = variance[t];
            var x = Math.Abs(residuals[t]) / Math.Sqrt(h) * invScale;
            sum += 0.5 * Math.Log(h) + 0.5 * Math.Pow(x, nu);
        }

        return residuals.Length * GeneralizedError.LogNormalisingConstant(nu) - sum;
    }

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceWeights, Span<double> residualWeights, Span<double> gradient)
    {
        var nu = parameters[0];
        var invScale = 1 / GeneralizedError.Scale(nu);
        var dLogScale = GeneralizedError.LogScaleSlope(nu);
        double sum = 0, gNu = 0;
        for (var t = 0; t < residuals.Length; t++)
        {
            var h = variance[t];
            var sd = Math.Sqrt(h);
            var e = residuals[t];
            var x = Math.Abs(e) / sd * invScale;
            var xNu = Math.Pow(x, nu);
            sum += 0.5 * Math.Log(h) + 0.5 * xNu;
            if (x > 0)
            {
                // ∂ℓ/∂z = −½ν·x^(ν−1)·sign(z)/λ; with z·∂ℓ/∂z = −½ν·x^ν.
                var zSlope = -0.5 * nu * xNu / x * invScale * Math.Sign(e);
                residualWeights[t] = zSlope / sd;
                varianceWeights[t] = 0.5 * (0.5 * nu * xNu - 1) / h;
                gNu += -0.5 * xNu * (Math.Log(x) - nu * dLogScale);
            }
            else
            {
                residualWeights[t] = 0;
                varianceWeights[t] = -0.5 / h;
            }
        }

        var n = residuals.Length;
        var dConstant = 1 / nu - dLogScale + Math.Log(2) / (nu * nu) + SpecialFunctions.DiGamma(1 / nu) / (nu * nu);
        gradient[0] = n * dConstant + gNu;
        return n * GeneralizedError.LogNormalisingConstant(nu) - sum;
    }

    public override double Quantile(double alpha, ReadOnlySpan<double> parameters) =>
        GeneralizedError.LossQuantile(alpha, parameters[0]);

    public override double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters) =>
        GeneralizedError.LossExpectedShortfall(alpha, parameters[0]);

    public override double LogDensity(double z, ReadOnlySpan<double> parameters) => GeneralizedError.LogDensity(z, parameters[0]);

    public override double Cdf(double z, ReadOnlySpan<double> parameters) => GeneralizedError.Cdf(z, parameters[0]);

    public override double Sample(Random random, ReadOnlySpan<double> parameters) => GeneralizedError.Sample(random, parameters[0]);

    /// <summary>ν = 1.5: fatter than normal, as daily returns are.</summary>
    public override double[] StartingValues(ReadOnlySpan<double> returns) => [1.5];
}
