namespace RiskGrid.Core.Volatility;

/// <summary>How the best point of an optimisation looks: converged or not, by the gradient test
/// (<paramref name="Smooth"/>) or by probing (no small step improves it), and which bounds it sits on.</summary>
internal readonly record struct FitVerdict(bool Converged, bool Smooth, double RelativeGradient, IReadOnlyList<string> AtBound);
