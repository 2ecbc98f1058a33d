namespace RiskGrid.Core.Backtesting;

/// <summary>
/// One test of the backtest battery. Implementations are stateless, deterministic (any randomness
/// from a fixed seed) and registered once in <see cref="BacktestCatalog"/>; data never make them
/// throw: a test that cannot be computed returns a result whose <see cref="TestResult.Undefined"/> says why.
/// </summary>
public interface IBacktest
{
    /// <summary>The catalogue name: lower-case, hyphenated, stable (it is a CSV value, a metric label, a store key).</summary>
    string Name { get; }

    /// <summary>One line for people: the test and its null.</summary>
    string Description { get; }

    /// <summary>What the test reads.</summary>
    BacktestNeeds Needs { get; }

    /// <summary>Runs the test on one forecast series at one level.</summary>
    TestResult Run(BacktestData data);
}
