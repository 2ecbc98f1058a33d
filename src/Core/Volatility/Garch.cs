namespace RiskGrid.Core.Volatility;

/// <summary>
/// GARCH(1,1): σ²_t = ω + α·ε²_{t−1} + β·σ²_{t−1} with ω &gt; 0, α, β ≥ 0, α + β &lt; 1.
/// Working coordinates [l, q, u], a box that is exactly the admissible set: with persistence
/// p = α + β = 1 − e^(−q) and long-run variance ω/(1 − p) = s²·e^l, i.e. ln ω = ln s² + l − q and
/// α = p·u, β = p·(1 − u). Why: ln ω is strongly correlated with p (the data pin down the long-run
/// variance, not ω), and q spreads out the last digits of p near 1, where daily fits live.
/// </summary>
public sealed class Garch : VolatilityProcess
{
    /// <summary>Upper bound of the persistence α + β (and of GJR's α + γ/2 + β, EGARCH's |β|).</summary>
    public const double MaxPersistence = 0.99999;

    /// <summary>Bound of the ratio of the long-run variance ω/(1 − p) to the sample variance (and its inverse).</summary>
    public const double MaxVarianceRatio = 1e4;

    /// <summary>q = −ln(1 − p) at <see cref="MaxPersistence"/>.</summary>
    public static readonly double MaxPersistenceLog = -Math.Log(1 - MaxPersistence);

    public override string Name => "GARCH(1,1)";

    public override IReadOnlyList<string> ParameterNames { get; } = ["omega", "alpha", "beta"];

    public override IReadOnlyList<double> WorkingLower { get; } = [-Math.Log(MaxVarianceRatio), 0, 0];

    public override IReadOnlyList<double> WorkingUpper { get; } = [Math.Log(MaxVarianceRatio), MaxPersistenceLog, 1];

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        var p = Math.Clamp(natural[1] + natural[2], 0, MaxPersistence);
        var q = -double.LogP1(-p);
        working[0] = Math.Log(natural[0] / scale.Variance) + q;
        working[1] = q;
        working[2] = p > 0 ? natural[1] / p : 0.5;
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var q = working[1];
        var u = working[2];
        var slack = Math.Exp(-q);
        var p = -double.ExpM1(-q);
        var omega = scale.Variance * Math.Exp(working[0] - q);
        natural[0] = omega;
        natural[1] = p * u;
        natural[2] = p * (1 - u);
        jacobian.Clear();
        jacobian[0] = omega;
        jacobian[1] = -omega;
        jacobian[3 + 1] = u * slack;
        jacobian[3 + 2] = p;
        jacobian[6 + 1] = (1 - u) * slack;
        jacobian[6 + 2] = -p;
    }

    public override string DescribeBound(int index, bool upper) => (index, upper) switch
    {
        (0, false) => $"long-run variance omega/(1 − alpha − beta) at 1/{MaxVarianceRatio:g} of the sample variance",
        (0, true) => $"long-run variance omega/(1 − alpha − beta) at {MaxVarianceRatio:g} × the sample variance",
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
