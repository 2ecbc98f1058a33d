namespace RiskGrid.Core.Volatility;

/// <summary>
/// GJR-GARCH(1,1,1) in the usual form σ²_t = ω + (α + γ·1[ε_{t−1} &lt; 0])·ε²_{t−1} + β·σ²_{t−1}, with
/// ω &gt; 0, α ≥ 0, α + γ ≥ 0, β ≥ 0 and persistence α + γ/2 + β &lt; 1 (so γ may be negative).
/// Working coordinates [ln(ω/s²), p = α + γ/2 + β, u = (α + γ/2)/p, v = α/(2(α + γ/2))]: v = 0 is
/// α = 0 (pure leverage), v = ½ is γ = 0 (plain GARCH), v = 1 is α + γ = 0.
/// </summary>
public sealed class GjrGarch : VolatilityProcess
{
    public override string Name => "GJR-GARCH(1,1,1)";

    /// <summary>GJR-GARCH: one more branch per observation.</summary>
    public override double RelativeCost => 1.2;

    public override IReadOnlyList<string> ParameterNames { get; } = ["omega", "alpha", "gamma", "beta"];

    public override IReadOnlyList<double> WorkingLower { get; } = [Math.Log(Garch.MinOmegaShare), 0, 0, 0];

    public override IReadOnlyList<double> WorkingUpper { get; } = [Math.Log(Garch.MaxOmegaShare), Garch.MaxPersistence, 1, 1];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        var k = natural[1] + 0.5 * natural[2];
        var p = k + natural[3];
        working[0] = Math.Log(natural[0] / scale.Variance);
        working[1] = p;
        working[2] = p > 0 ? k / p : 0.5;
        working[3] = k > 0 ? natural[1] / (2 * k) : 0.5;
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var omega = scale.Variance * Math.Exp(working[0]);
        var p = working[1];
        var u = working[2];
        var v = working[3];
        var k = p * u;
        natural[0] = omega;
        natural[1] = 2 * k * v;
        natural[2] = 2 * k * (1 - 2 * v);
        natural[3] = p * (1 - u);
        jacobian.Clear();
        jacobian[0] = omega;
        jacobian[4 + 1] = 2 * u * v;
        jacobian[4 + 2] = 2 * p * v;
        jacobian[4 + 3] = 2 * k;
        jacobian[8 + 1] = 2 * u * (1 - 2 * v);
        jacobian[8 + 2] = 2 * p * (1 - 2 * v);
        jacobian[8 + 3] = -4 * k;
        jacobian[12 + 1] = 1 - u;
        jacobian[12 + 2] = -p;
    }

    public override string DescribeBound(int index, bool upper) => (index, upper) switch
    {
        (0, false) => $"omega at its lower bound ({Garch.MinOmegaShare:g} × sample variance)",
        (0, true) => $"omega at its upper bound ({Garch.MaxOmegaShare:g} × sample variance)",
        (1, false) => "alpha + gamma/2 + beta = 0",
        (1, true) => $"alpha + gamma/2 + beta at {Garch.MaxPersistence} (integrated)",
        (2, false) => "alpha = gamma = 0",
        (2, true) => "beta = 0",
        (3, false) => "alpha = 0",
        _ => "alpha + gamma = 0",
    };

    public override void Variance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variance) =>
        VarianceRecursion.GjrGarch(residuals, parameters[0], parameters[1], parameters[2], parameters[3], backcast, variance);

    public override void Gradient(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> gradient) =>
        VarianceGradient.GjrGarch(residuals, variance, weights, parameters[0], parameters[1], parameters[2], parameters[3],
            backcast, backcastSlope, gradient);

    public override bool HasSecondOrder => true;

    public override void SecondOrder(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> derivatives, Span<double> second)
    {
        VarianceHessian.GjrGarch(residuals, variance, weights, parameters[0], parameters[1], parameters[2],
            parameters[3], backcast, backcastSlope, derivatives, second);
    }

    public override double NextVariance(double variance, double standardizedResidual, ReadOnlySpan<double> parameters)
    {
        var e = Math.Sqrt(variance) * standardizedResidual;
        return VarianceRecursion.GjrGarchStep(variance, e, parameters[0], parameters[1], parameters[2], parameters[3]);
    }

    public override double StartingVariance(ReadOnlySpan<double> parameters) =>
        parameters[0] / Math.Max(1 - parameters[1] - 0.5 * parameters[2] - parameters[3], 1e-3);

    public override IEnumerable<double[]> StartingGrid(DataScale scale)
    {
        foreach (var p in (double[])[0.9, 0.96, 0.99])
        {
            foreach (var k in (double[])[0.03, 0.07, 0.15])
            {
                // Symmetric (γ = 0) and all-leverage (α = 0) starts.
                yield return [scale.Variance * (1 - p), k, 0, p - k];
                yield return [scale.Variance * (1 - p), 0, 2 * k, p - k];
            }
        }
    }
}
