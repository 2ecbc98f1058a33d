using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;

namespace RiskGrid.Grains;

// Stand-in until Core's Backtester is merged into this branch; replaced by a direct call then.
internal static class Backtester
{
    public static BacktestSummary[] Summarize(IReadOnlyList<ForecastRecord> forecasts, IReadOnlyList<double> alphas) =>
        throw new NotSupportedException($"backtests are not available yet ({forecasts.Count} forecasts, {alphas.Count} levels)");
}
