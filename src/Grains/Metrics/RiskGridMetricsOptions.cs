namespace RiskGrid.Grains.Metrics;

/// <summary>How grains publish metrics, bound from the <c>RiskGrid:Metrics</c> configuration section.</summary>
public sealed class RiskGridMetricsOptions
{
    public const string Section = "RiskGrid:Metrics";

    /// <summary>
    /// How often a pair that changed republishes its backtest gauges. A pair's backtests are recomputed
    /// from its whole forecast history (milliseconds per pair), so a push of many days publishes once
    /// at the next tick rather than once per push.
    /// </summary>
    public TimeSpan PairPublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often at most a pair that changed recomputes its whole-sample tests (DQ, durations, Monte Carlo p-values;
    /// up to a tenth of a second per pair) just to publish their gauges. The counts, rates and traffic light come from
    /// the pair's incremental accumulators and publish on every <see cref="PairPublishInterval"/>; tests computed
    /// anyway (a query, a summary) publish at the next tick.
    /// </summary>
    public TimeSpan PairTestsInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Idle time after which Orleans may deactivate a pair grain. A deactivated pair's series leave this
    /// silo's <c>/metrics</c> (the pair may reactivate on another silo), so the default keeps a pair fed
    /// once a trading day active between feeds and its series continuous.
    /// </summary>
    public TimeSpan PairCollectionAge { get; set; } = TimeSpan.FromHours(26);
}
