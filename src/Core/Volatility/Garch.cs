namespace RiskGrid.Core.Volatility;

/// <summary>
/// GARCH(1,1): σ²_t = ω + α·ε²_{t−1} + β·σ²_{t−1} with ω &gt; 0, α, β ≥ 0, α + β &lt; 1.
/// Working coordinates [ln(ω/s²), p = α + β, u = α/p]: a box that is exactly the admissible set, with
/// s² the sample variance so that they do not depend on the units of the returns. (Coordinates whose map
/// to the parameters flattens near p = 1, such as −ln(1 − p), were tried and rejected: there a false
/// small gradient ends the search early.)
/// </summary>
public sealed class Garch : VolatilityProcess
{
    /// <summary>Upper bound of the persistence α + β (and of GJR's α + γ/2 + β, EGARCH's |β|).</summary>
    public const double MaxPersistence = 0.99999;

    /// <summary>Bounds of ω as a fraction of the sample variance.</summary>
    public const double MinOmegaShare = 1e-7;

    public const double MaxOmegaShare = 10;

    public override string Name => "GARCH(1,1)";

    public override IReadOnlyList<string> ParameterNames { get; } = ["omega", "alpha", "beta"];

    public override IReadOnlyList<double> WorkingLower { get; } = [Math.Log(MinOmegaShare), 0, 0];

    public override IReadOnlyList<double> WorkingUpper { get; } = [Math.Log(MaxOmegaShare), MaxPersistence, 1];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        var p = natural[1] + natural[2];
        working[0] = Math.Log(natural[0] / scale.Variance);
        working[1] = p;
        working[2] = p > 0 ? natural[1] / p : 0.5;
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var omega = scale.Variance * Math.Exp(working[0]);
        var p = working[1];
        var u = working[2];
        natural[0] = omega;
        natural[1] = p * u;
        natural[2] = p * (1 - u);
        jacobian.Clear();
        jacobian[0] = omega;
        jacobian[3 + 1] = u;
        jacobian[3 + 2] = p;
        jacobian[6 + 1] = 1 - u;
        jacobian[6 + 2] = -p;
    }

    public override string DescribeBound(int index, bool upper) => (index, upper) switch
    {
        (0, false) => $"omega at its lower bound ({MinOmegaShare:g} × sample variance)",
        (0, true) => $"omega at its upper bound ({MaxOmegaShare:g} × sample variance)",
        (1, false) => "alpha + beta = 0",
        (1, true) => $"alpha + beta at {MaxPersistence} (integrated)",
        (2, false) => "alpha = 0",
        _ => "beta = 0",
    };

    public override void Variance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variance) =>
        VarianceRecursion.Garch(residuals, parameters[0], parameters[1], parameters[2], backcast, variance);

    public override void Gradient(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> gradient) =>
        VarianceGradient.Garch(residuals, variance, weights, parameters[0], parameters[1], parameters[2], backcast,
            backcastSlope, gradient);

    public override bool HasSecondOrder => true;

    public override void SecondOrder(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> derivatives, Span<double> second)
    {
        VarianceHessian.Garch(residuals, variance, weights, parameters[0], parameters[1], parameters[2], backcast,
            backcastSlope, derivatives, second);
    }

    public override double NextVariance(double variance, double standardizedResidual, ReadOnlySpan<double> parameters)
    {
        var e = Math.Sqrt(variance) * standardizedResidual;
        return VarianceRecursion.GarchStep(variance, e, parameters[0], parameters[1], parameters[2]);
    }

    public override double StartingVariance(ReadOnlySpan<double> parameters) =>
        parameters[0] / Math.Max(1 - parameters[1] - parameters[2], 1e-3);

    public override IEnumerable<double[]> StartingGrid(DataScale scale)
    {
        foreach (var p in (double[])[0.9, 0.96, 0.99])
        {
            foreach (var alpha in (double[])[0.03, 0.07, 0.15])
            {
                yield return [scale.Variance * (1 - p), alpha, p - alpha];
            }
        }
    }
}
