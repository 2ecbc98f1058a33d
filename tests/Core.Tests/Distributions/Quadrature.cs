using MathNet.Numerics;

namespace RiskGrid.Core.Tests.Distributions;

/// <summary>Numerical integrals for checking closed forms: double-exponential quadrature on finite pieces,
/// with the half-lines mapped onto (0, 1] by z = b − (1 − u)/u.</summary>
internal static class Quadrature
{
    public static double Integral(Func<double, double> f, double a, double b) =>
        Integrate.DoubleExponential(f, a, b, 1e-14);

    /// <summary>∫_{−∞}^{b} f, split at <paramref name="breaks"/> below b (kinks of f).</summary>
    public static double ToThe(Func<double, double> f, double b, params double[] breaks)
    {
        var cuts = breaks.Where(x => x < b).Order().ToArray();
        var first = cuts.Length > 0 ? cuts[0] : b;
        var sum = Integrate.DoubleExponential(u => u <= 0 ? 0 : f(first - (1 - u) / u) / (u * u), 0, 1, 1e-14);
        var previous = first;
        foreach (var cut in cuts.Skip(1).Append(b))
        {
            sum += Integral(f, previous, cut);
            previous = cut;
        }

        return sum;
    }
}
