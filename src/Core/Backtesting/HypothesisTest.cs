namespace RiskGrid.Core.Backtesting;

/// <summary>A likelihood-ratio (or similar) test result; NaN statistic and p-value where undefined.</summary>
public readonly record struct HypothesisTest(double Statistic, double PValue, int DegreesOfFreedom)
{
    public static HypothesisTest Undefined(int degreesOfFreedom) => new(double.NaN, double.NaN, degreesOfFreedom);

    /// <summary>True when the test rejects its null at significance <paramref name="level"/> (e.g. 0.05).</summary>
    public bool Rejects(double level) => PValue < level;
}
