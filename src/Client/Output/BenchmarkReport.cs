using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Output;

/// <summary>The results of a benchmark run: every pair's forecasts, its backtests, and the Key Results rows.</summary>
public sealed record BenchmarkReport(
    IReadOnlyList<PairRun> Runs,
    IReadOnlyList<double> Alphas,
    IReadOnlyList<PairBacktest> Backtests,
    IReadOnlyList<KeyResultsRow> KeyResults,
    IReadOnlyList<ModelRankingRow> Ranking)
{
    /// <summary>The portfolio's routes (<c>--weights</c>), or null for none.</summary>
    public PortfolioReport? Portfolio { get; init; }

    public static BenchmarkReport Build(IReadOnlyList<PairRun> runs, IReadOnlyList<double> alphas)
    {
        var backtests = new List<PairBacktest>(runs.Count * alphas.Count);
        foreach (var run in runs)
        {
            // The grid's pairs computed theirs already (the same Backtester, on the same forecasts).
            var summaries = run.Backtests ?? Backtester.Summarize(run.Forecasts, alphas);
            backtests.AddRange(summaries.Select(s => new PairBacktest(run.Instrument, run.Model, s)));
        }

        return new BenchmarkReport(runs, alphas, backtests, Core.Backtesting.KeyResults.Aggregate(backtests),
            ModelRanking.Rank(runs, alphas));
    }
}
