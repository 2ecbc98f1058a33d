using MathNet.Numerics.Distributions;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Volatility;

/// <summary>Standard normal innovations: ℓ_t = −½ ln 2π − ½ ln σ²_t − ½ ε²_t/σ²_t. No parameters.</summary>
public sealed class NormalInnovation : InnovationDistribution
{
    private const double LogTwoPi = 1.8378770664093454836;

    public override string Name => "normal";

    public override IReadOnlyList<string> ParameterNames { get; } = [];

    public override IReadOnlyList<double> WorkingLower { get; } = [];

    public override IReadOnlyList<double> WorkingUpper { get; } = [];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
    }

    public override string DescribeBound(int index, bool upper) => throw new ArgumentOutOfRangeException(nameof(index));

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters)
    {
        var (sumLogH, sumRatio) = VectorKernels.Normal(residuals, variance, default, default, weights: false);
        return -0.5 * (residuals.Length * LogTwoPi + sumLogH + sumRatio);
    }

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceWeights, Span<double> residualWeights, Span<double> gradient)
    {
        var (sumLogH, sumRatio) = VectorKernels.Normal(residuals, variance, varianceWeights, residualWeights, weights: true);
        return -0.5 * (residuals.Length * LogTwoPi + sumLogH + sumRatio);
    }

    public override bool HasSecondDerivatives => true;

    /// <summary>∂²ℓ/∂σ⁴ = (½ − ε²/σ²)/σ⁴, ∂²ℓ/∂σ²∂ε = ε/σ⁴, ∂²ℓ/∂ε² = −1/σ².</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void SecondDerivatives(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceVariance, Span<double> varianceResidual,
        Span<double> residualResidual, Span<double> varianceParameter, Span<double> residualParameter,
        Span<double> parameterParameter)
    {
        for (var t = 0; t < residuals.Length; t++)
        {
            var e = residuals[t];
            var inverse = 1 / variance[t];
            var ratio = e * inverse;
            varianceVariance[t] = (0.5 - e * ratio) * inverse * inverse;
            varianceResidual[t] = ratio * inverse;
            residualResidual[t] = -inverse;
        }
    }

    public override double Quantile(double alpha, ReadOnlySpan<double> parameters) => StandardNormal.Quantile(alpha);

    public override double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters) =>
        StandardNormal.ExpectedShortfall(alpha);

    public override double LogDensity(double z, ReadOnlySpan<double> parameters) => -0.5 * (LogTwoPi + z * z);

    public override double Cdf(double z, ReadOnlySpan<double> parameters) => Normal.CDF(0, 1, z);

    public override double Sample(Random random, ReadOnlySpan<double> parameters) => Normal.Sample(random, 0, 1);

    public override double[] StartingValues(ReadOnlySpan<double> returns) => [];
}
