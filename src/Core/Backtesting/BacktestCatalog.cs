namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The one place a backtest is registered: every consumer (Key Results, CSV, run store, query,
/// report, metrics, the grid) iterates over these results rather than naming tests. The order
/// here is the order of every output.
/// </summary>
public static class BacktestCatalog
{
    /// <summary>Every test of the battery, in output order.</summary>
    public static IReadOnlyList<IBacktest> All { get; } =
    [
        new KupiecBacktest(),
        new IndependenceBacktest(),
        new ConditionalCoverageBacktest(),
        new JointCoverageBacktest(),
        new DurationBacktest(),
        new TuffBacktest(),
        new DqBacktest(),
        new BerkowitzBacktest(),
        new EsZ1Backtest(),
        new EsZ2Backtest(),
        new EsZ3Backtest(),
        new McNeilFreyBacktest(standardised: false),
        new McNeilFreyBacktest(standardised: true),
        new EsrInterceptBacktest(),
        new EsrBacktest(auxiliary: false),
        new EsrBacktest(auxiliary: true),
        new BaselPlusFactorBacktest(),
        new FrtbDeskBacktest(),
    ];

    /// <summary>The catalogue names, in output order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The test named <paramref name="name"/>; throws for an unknown name, listing the known ones.</summary>
    public static IBacktest Get(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown backtest '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>Every test on one series, in catalogue order.</summary>
    public static TestResult[] Run(BacktestData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var results = new TestResult[All.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = All[i].Run(data);
        }

        return results;
    }
}
