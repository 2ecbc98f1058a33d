namespace RiskGrid.Core.Backtesting;

/// <summary>One p-value of a test and how it was obtained (see <see cref="PValueMethods"/>).</summary>
/// <param name="Method">How: <c>chi2</c>, <c>resampled</c>, <c>mc</c>, <c>exact</c>, <c>mid-p</c>, …</param>
/// <param name="Value">The probability; NaN where the test is undefined.</param>
public readonly record struct PValue(string Method, double Value);
