namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The Basel plus factor of the 99% VaR from its exceptions over the last 250 days (Basel Committee
/// 1996, table 2; Basel II ¶ 718(xciv)): 0 for 0–4 exceptions (green), 0.40, 0.50, 0.65, 0.75, 0.85
/// for 5–9 (yellow), 1 for 10 or more (red). The statistic is the plus factor; the capital
/// multiplier is 3 + plus. No p-value.
/// </summary>
/// <remarks>Undefined at levels other than 99% (the table is for the 99% VaR) and with fewer than 250
/// observations (the rule counts a full year).</remarks>
public sealed class BaselPlusFactorBacktest : IBacktest
{
    public const string TestName = "basel-plus";

    /// <summary>The VaR level the table applies to.</summary>
    public const double Level = 0.99;

    private static readonly double[] Yellow = [0.40, 0.50, 0.65, 0.75, 0.85];

    public string Name => TestName;

    public string Description => "Basel plus factor from the 250-day 99% exception count (0 green, 0.40–0.85 yellow, 1 red); multiplier = 3 + plus";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var why = Math.Abs(data.Alpha - Level) > 1e-12 ? "the plus factor is defined for the 99% VaR only"
            : data.Count < TrafficLight.BaselDays ? $"fewer than {TrafficLight.BaselDays} observations"
            : null;
        var plus = why is null ? PlusFactor(TrafficLight.Of(data.Hits, data.Alpha).Exceptions) : double.NaN;
        return new TestResult(TestName, plus, 0, [], why);
    }

    /// <summary>The plus factor of <paramref name="exceptions"/> exceptions in 250 days at 99%.</summary>
    public static double PlusFactor(int exceptions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exceptions);
        return exceptions <= 4 ? 0.0 : exceptions >= 10 ? 1.0 : Yellow[exceptions - 5];
    }
}
