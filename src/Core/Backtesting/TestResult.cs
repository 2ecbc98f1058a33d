namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The generic result of one catalogued backtest (see <see cref="BacktestCatalog"/>): what every
/// consumer (CSV, run store, query, Key Results, report, metrics) reads, without naming the test.
/// </summary>
/// <param name="Test">The catalogue name, e.g. <c>kupiec</c>.</param>
/// <param name="Statistic">The test statistic (NaN where undefined).</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the asymptotic χ² law; 0 where there is none.</param>
/// <param name="PValues">Every p-value the test gives, the primary one first; empty for a test
/// that only reports a statistic (e.g. a count or a factor).</param>
/// <param name="Undefined">Why the test is undefined on these data (e.g. "fewer than two exceptions"), or null.</param>
public sealed record TestResult(string Test, double Statistic, int DegreesOfFreedom, IReadOnlyList<PValue> PValues, string? Undefined)
{
    /// <summary>The primary p-value (the first); NaN when there is none.</summary>
    public double PValue => PValues.Count > 0 ? PValues[0].Value : double.NaN;

    /// <summary>The primary p-value's method; empty when there is none.</summary>
    public string Method => PValues.Count > 0 ? PValues[0].Method : string.Empty;

    /// <summary>
    /// The finite-sample verdict: the first p-value of a method held to its size (<see cref="PValueMethods.IsJudged"/>:
    /// Kupiec's mid-p, not its conservative exact value; the Monte Carlo, bootstrap or resampled one of the others); null
    /// when the test has none (asymptotic only, e.g. the ESR regressions without laws).
    /// </summary>
    public PValue? FiniteSample
    {
        get
        {
            foreach (var p in PValues)
            {
                if (PValueMethods.IsJudged(p.Method))
                {
                    return p;
                }
            }

            return null;
        }
    }

    /// <summary>The p-value computed by <paramref name="method"/>; NaN when the test has none such.</summary>
    public double PValueOf(string method)
    {
        foreach (var p in PValues)
        {
            if (p.Method == method)
            {
                return p.Value;
            }
        }

        return double.NaN;
    }

    /// <summary>True when the primary p-value is below <paramref name="level"/> (e.g. 0.05).</summary>
    public bool Rejects(double level) => PValue < level;

    /// <summary>A χ² test's result, undefined (with <paramref name="whyUndefined"/>) when its statistic is NaN.</summary>
    public static TestResult FromChiSquared(string test, HypothesisTest result, string whyUndefined) =>
        new(test, result.Statistic, result.DegreesOfFreedom, [new PValue(PValueMethods.ChiSquared, result.PValue)],
            double.IsNaN(result.Statistic) ? whyUndefined : null);

    /// <summary>This result with one more p-value after the others (itself when <paramref name="extra"/> is null).</summary>
    public TestResult With(PValue? extra) => extra is { } p ? this with { PValues = [.. PValues, p] } : this;

    // Value equality over the p-values (a list compares by reference otherwise); doubles compare
    // with Equals, so NaN equals NaN and a round trip can be checked bit for bit.
    public bool Equals(TestResult? other) =>
        other is not null && Test == other.Test && Statistic.Equals(other.Statistic)
        && DegreesOfFreedom == other.DegreesOfFreedom && Undefined == other.Undefined
        && PValues.SequenceEqual(other.PValues);

    public override int GetHashCode() => HashCode.Combine(Test, Statistic, DegreesOfFreedom, PValues.Count, Undefined);
}
