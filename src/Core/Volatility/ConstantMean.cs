namespace RiskGrid.Core.Volatility;

/// <summary>
/// The constant mean r_t = μ + ε_t (arch's <c>ConstantMean</c>, fGarch's <c>include.mean = TRUE</c>).
/// Working coordinate: μ / s with s the sample standard deviation, bounded to ±1 (a daily mean
/// larger than one standard deviation is no GARCH fit).
/// </summary>
public sealed class ConstantMean : ModelPart
{
    public override string Name => "constant mean";

    public override IReadOnlyList<string> ParameterNames { get; } = ["mu"];

    public override IReadOnlyList<double> WorkingLower { get; } = [-1.0];

    public override IReadOnlyList<double> WorkingUpper { get; } = [1.0];

    /// <summary>Starting value: the sample mean.</summary>
    public static double StartingValue(DataScale scale) => scale.Mean;

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working) =>
        working[0] = natural[0] / scale.StandardDeviation;

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var s = scale.StandardDeviation;
        natural[0] = working[0] * s;
        jacobian[0] = s;
    }

    public override string DescribeBound(int index, bool upper) =>
        upper ? "mu at +1 sample standard deviation" : "mu at −1 sample standard deviation";
}
