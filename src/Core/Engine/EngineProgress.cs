namespace RiskGrid.Core.Engine;

/// <summary>
/// Progress of a batch run: bars processed over all pairs, and pairs finished. A run that moves every
/// pair forward together (through the grid, day by day) finishes no pair before the end and reports
/// no pairs: <see cref="PairsDone"/> and <see cref="PairsTotal"/> are 0. <see cref="ForecastsDone"/> of
/// <see cref="ForecastsTotal"/> counts the bars that forecast (those after each pair's first window), the work that
/// takes the time: a time-left estimate goes by them (0 of 0 where the reporter does not count them).
/// <see cref="BacktestsDone"/> of <see cref="BacktestsTotal"/> counts the second phase, after the forecasts: pairs whose
/// backtests are computed (through the grid: read back with them); 0 of 0 until it starts.
/// </summary>
public readonly record struct EngineProgress(long BarsDone, long BarsTotal, int PairsDone, int PairsTotal, long ForecastsDone = 0, long ForecastsTotal = 0,
    int BacktestsDone = 0, int BacktestsTotal = 0)
{
    /// <summary>True in the backtest phase.</summary>
    public bool InBacktests => BacktestsTotal > 0;

    /// <summary>The forecast days among a pair's first <paramref name="barsSeen"/> bars on a window of
    /// <paramref name="window"/> returns: bars from the (window + 1)-th price on forecast.</summary>
    public static long ForecastDays(long barsSeen, int window) => Math.Max(0, barsSeen - window);
}
