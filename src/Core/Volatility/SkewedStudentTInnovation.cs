using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Hansen's skewed Student-t innovations (<see cref="HansenSkewT"/>; arch's "skewt"): parameters
/// η (eta, degrees of freedom) and λ (lambda, skewness). ℓ_t = ln(b·c) − ½ ln σ²_t − (η+1)/2 · ln(1 + w²_t/(η−2)),
/// w_t = (b·z_t + a)/(1 ∓ λ), z_t = ε_t/σ_t. Working coordinates [1/η, λ], as <see cref="StudentTInnovation"/>'s 1/ν.
/// </summary>
public sealed class SkewedStudentTInnovation : InnovationDistribution
{
    public const double MaxAbsLambda = 0.99;

    public override string Name => "skewed Student-t";

    /// <summary>Skewed Student-t: a logarithm per observation and two shape parameters.</summary>
    public override double RelativeCost => 1.5;

    public override IReadOnlyList<string> ParameterNames { get; } = ["eta", "lambda"];

    public override IReadOnlyList<double> WorkingLower { get; } = [1 / StudentTInnovation.MaxNu, -MaxAbsLambda];

    public override IReadOnlyList<double> WorkingUpper { get; } = [1 / StudentTInnovation.MinNu, MaxAbsLambda];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        working[0] = 1 / natural[0];
        working[1] = natural[1];
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var eta = 1 / working[0];
        natural[0] = eta;
        natural[1] = working[1];
        jacobian[0] = -eta * eta;
        jacobian[1] = 0;
        jacobian[2] = 0;
        jacobian[3] = 1;
    }

    public override string DescribeBound(int index, bool upper) => (index, upper) switch
    {
        (0, true) => $"eta at its lower bound {StudentTInnovation.MinNu}",
        (0, false) => $"eta at its upper bound {StudentTInnovation.MaxNu} (close to the skewed normal limit)",
        (_, true) => $"lambda at its upper bound {MaxAbsLambda}",
        _ => $"lambda at its lower bound -{MaxAbsLambda}",
    };

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters)
    {
        var (eta, lambda) = (parameters[0], parameters[1]);
        var (a, b, c) = HansenSkewT.Constants(eta, lambda);
        var k = eta - 2;
        var mode = -a / b;
        double sum = 0;
        for (var t = 0; t < residuals.Length; t++)
        {
            var h = variance[t];
            var z = residuals[t] / Math.Sqrt(h);
            var w = (b * z + a) / (z < mode ? 1 - lambda : 1 + lambda);
            sum += 0.5 * Math.Log(h) + 0.5 * (eta + 1) * Math.Log(1 + w * w / k);
        }

        return residuals.Length * Math.Log(b * c) - sum;
    }

    public override double LogLikelihood(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance,
        ReadOnlySpan<double> parameters, Span<double> varianceWeights, Span<double> residualWeights, Span<double> gradient)
    {
        var (eta, lambda) = (parameters[0], parameters[1]);
        var (a, b, c) = HansenSkewT.Constants(eta, lambda);
        var k = eta - 2;
        var mode = -a / b;

        // Derivatives of the constants.
        var dLogC = HansenSkewT.LogConstantSlope(eta);
        var dcEta = c * dLogC;
        var daEta = 4 * lambda * (dcEta * k / (eta - 1) + c / ((eta - 1) * (eta - 1)));
        var daLambda = 4 * c * k / (eta - 1);
        var dbEta = -a * daEta / b;
        var dbLambda = (3 * lambda - a * daLambda) / b;

        double sum = 0, gEta = 0, gLambda = 0;
        for (var t = 0; t < residuals.Length; t++)
        {
            var h = variance[t];
            var sd = Math.Sqrt(h);
            var z = residuals[t] / sd;
            var left = z < mode;
            var s = left ? 1 - lambda : 1 + lambda;
            var dsLambda = left ? -1.0 : 1.0;
            var w = (b * z + a) / s;
            var q = 1 + w * w / k;
            var logQ = Math.Log(q);
            sum += 0.5 * Math.Log(h) + 0.5 * (eta + 1) * logQ;

            var dz = -(eta + 1) * w * b / (s * k * q);
            residualWeights[t] = dz / sd;
            varianceWeights[t] = -0.5 * (dz * z + 1) / h;

            var dwEta = (z * dbEta + daEta) / s;
            var dwLambda = (z * dbLambda + daLambda - w * dsLambda) / s;
            gEta += -0.5 * logQ - 0.5 * (eta + 1) * (2 * w * dwEta / k - w * w / (k * k)) / q;
            gLambda += -(eta + 1) * w * dwLambda / (k * q);
        }

        var n = residuals.Length;
        gradient[0] = n * (dbEta / b + dLogC) + gEta;
        gradient[1] = n * dbLambda / b + gLambda;
        return n * Math.Log(b * c) - sum;
    }

    public override double Quantile(double alpha, ReadOnlySpan<double> parameters) =>
        HansenSkewT.LossQuantile(alpha, parameters[0], parameters[1]);

    public override double ExpectedShortfall(double alpha, ReadOnlySpan<double> parameters) =>
        HansenSkewT.LossExpectedShortfall(alpha, parameters[0], parameters[1]);

    public override (double VaR, double ES) Tail(double alpha, ReadOnlySpan<double> parameters) =>
        HansenSkewT.LossTail(alpha, parameters[0], parameters[1]);

    public override double LogDensity(double z, ReadOnlySpan<double> parameters) =>
        HansenSkewT.LogDensity(z, parameters[0], parameters[1]);

    public override double Cdf(double z, ReadOnlySpan<double> parameters) => HansenSkewT.Cdf(z, parameters[0], parameters[1]);

    public override double Sample(Random random, ReadOnlySpan<double> parameters) =>
        HansenSkewT.Sample(random, parameters[0], parameters[1]);

    /// <summary>η as <see cref="StudentTInnovation.StartingValues"/>'s ν, and λ = 0.</summary>
    public override double[] StartingValues(ReadOnlySpan<double> returns) =>
        [new StudentTInnovation().StartingValues(returns)[0], 0];
}
