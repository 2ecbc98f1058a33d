namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The FRTB desk-level backtest (Basel Committee, MAR32.5): a trading desk loses internal-model
/// approval with more than 12 exceptions of its 99% VaR, or more than 30 of its 97.5% VaR, over the
/// last 250 days. The statistic is the exceptions over that window less the level's limit: above 0
/// the desk fails. No p-value.
/// </summary>
/// <remarks>Undefined at levels other than 97.5% and 99%, and with fewer than 250 observations.</remarks>
public sealed class FrtbDeskBacktest : IBacktest
{
    public const string TestName = "frtb-desk";

    public string Name => TestName;

    public string Description => "FRTB desk rule: exceptions in the last 250 days less the limit (12 at 99%, 30 at 97.5%); > 0 fails";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var limit = Limit(data.Alpha);
        var why = limit is null ? "the desk rule is defined at 97.5% and 99% only"
            : data.Count < TrafficLight.BaselDays ? $"fewer than {TrafficLight.BaselDays} observations"
            : null;
        var excess = why is null ? TrafficLight.Of(data.Hits, data.Alpha).Exceptions - limit!.Value : double.NaN;
        return new TestResult(TestName, excess, 0, [], why);
    }

    /// <summary>The most exceptions in 250 days a desk may have at level α (12 at 99%, 30 at 97.5%), or null at other levels.</summary>
    public static int? Limit(double alpha) =>
        Math.Abs(alpha - 0.99) < 1e-12 ? 12 : Math.Abs(alpha - 0.975) < 1e-12 ? 30 : null;
}
