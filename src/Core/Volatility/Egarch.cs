namespace RiskGrid.Core.Volatility;

/// <summary>
/// EGARCH(1,1) (Nelson): ln σ²_t = ω + α·(|z_{t−1}| − E|z|) + γ·z_{t−1} + β·ln σ²_{t−1}, z = ε/σ,
/// with E|z| = √(2/π) for every innovation distribution (<see cref="VarianceRecursion.EgarchMeanAbsZ"/>).
/// Stationary when |β| &lt; 1, a box. Working coordinates [c, α, γ, β] with ω = (1 − β)·(c + ln s²):
/// c = ω/(1 − β) − ln s² is the long-run log variance relative to the sample's, the same whatever the
/// units and far less correlated with β than ω is.
/// </summary>
public sealed class Egarch : VolatilityProcess
{
    // The long-run variance within 10^±4 of the sample's.
    private const double InterceptRange = 9.2103403719761836;

    public override string Name => "EGARCH(1,1)";

    /// <summary>EGARCH: an exponential and the absolute-value terms per observation; its warm fits took about 5 times GARCH's on the S&amp;P 500.</summary>
    public override double RelativeCost => 5;

    public override IReadOnlyList<string> ParameterNames { get; } = ["omega", "alpha", "gamma", "beta"];

    // α ≥ 0: with a negative size effect a large shock shrinks the next variance, and the likelihood
    // grows degenerate spikes where the variance collapses onto a near-zero residual (seen on S&P 500
    // windows of 2002–2005, where an unconstrained optimiser walks into one).
    public override IReadOnlyList<double> WorkingLower { get; } = [-InterceptRange, 0, -2, -Garch.MaxPersistence];

    public override IReadOnlyList<double> WorkingUpper { get; } = [InterceptRange, 3, 2, Garch.MaxPersistence];

    // α on 0 beside α ≈ 0.02–0.04: the two maxima of S&P 500 windows of 2005–06 (β and γ differ between them too).
    public override IReadOnlyList<int> BimodalLowerBounds { get; } = [1];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        var beta = Math.Clamp(natural[3], -Garch.MaxPersistence, Garch.MaxPersistence);
        working[0] = natural[0] / (1 - beta) - Math.Log(scale.Variance);
        working[1] = natural[1];
        working[2] = natural[2];
        working[3] = natural[3];
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var lnVariance = Math.Log(scale.Variance);
        var level = working[0] + lnVariance;
        natural[0] = (1 - working[3]) * level;
        natural[1] = working[1];
        natural[2] = working[2];
        natural[3] = working[3];
        jacobian.Clear();
        jacobian[0] = 1 - working[3];
        jacobian[3] = -level;
        jacobian[4 + 1] = 1;
        jacobian[8 + 2] = 1;
        jacobian[12 + 3] = 1;
    }

    public override string DescribeBound(int index, bool upper)
    {
        var value = upper ? WorkingUpper[index] : WorkingLower[index];
        return index switch
        {
            0 => $"long-run log variance omega/(1 − beta) at ln(sample variance) {value:+0.##;−0.##}",
            _ => $"{ParameterNames[index]} at its {(upper ? "upper" : "lower")} bound {value}",
        };
    }

    public override void Variance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variance) =>
        VarianceRecursion.Egarch(residuals, parameters[0], parameters[1], parameters[2], parameters[3], backcast, variance);

    public override void Variances(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameterSets, double backcast,
        Span<double> variances)
    {
        var count = residuals.Length;
        var sets = parameterSets.Length / 4;
        var i = 0;
        for (; i + 4 <= sets; i += 4)
        {
            VarianceRecursion.EgarchFour(residuals, parameterSets.Slice(4 * i, 16), backcast, variances.Slice(i * count, 4 * count));
        }

        for (; i < sets; i++)
        {
            Variance(residuals, parameterSets.Slice(4 * i, 4), backcast, variances.Slice(i * count, count));
        }
    }

    public override void Gradient(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> gradient) =>
        VarianceGradient.Egarch(residuals, variance, weights, parameters[0], parameters[1], parameters[2], parameters[3],
            backcast, backcastSlope, gradient);

    public override bool HasSecondOrder => true;

    public override void SecondOrder(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> derivatives, Span<double> second)
    {
        VarianceHessian.Egarch(residuals, variance, weights, parameters[0], parameters[1], parameters[2],
            parameters[3], backcast, backcastSlope, derivatives, second);
    }

    public override double NextVariance(double variance, double standardizedResidual, ReadOnlySpan<double> parameters) =>
        VarianceRecursion.EgarchStep(variance, standardizedResidual, parameters[0], parameters[1], parameters[2], parameters[3]);

    public override double StartingVariance(ReadOnlySpan<double> parameters) =>
        Math.Exp(parameters[0] / (1 - parameters[3]));

    public override IEnumerable<double[]> StartingGrid(DataScale scale)
    {
        var lnVariance = Math.Log(scale.Variance);
        foreach (var beta in (double[])[0.9, 0.96, 0.99])
        {
            foreach (var alpha in (double[])[0.05, 0.1, 0.2])
            {
                foreach (var gamma in (double[])[0, -0.1])
                {
                    yield return [(1 - beta) * lnVariance, alpha, gamma, beta];
                }
            }
        }
    }
}
