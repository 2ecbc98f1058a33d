using MathNet.Numerics;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Closed-form reference functions shared by the backtest tests.</summary>
internal static class ClosedForms
{
    /// <summary>P(χ²₁ ≥ s) = erfc(√(s/2)), independent of the incomplete-gamma route used in Core.</summary>
    public static double ChiSquared1Tail(double s) => SpecialFunctions.Erfc(Math.Sqrt(s / 2));

    /// <summary>P(χ²₂ ≥ s) = exp(−s/2).</summary>
    public static double ChiSquared2Tail(double s) => Math.Exp(-s / 2);
}
