using RiskGrid.Client.Sdk;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Cli;

/// <summary>Runs the benchmark on the Core rolling engine in this process, on all cores: the forecasts, then every
/// pair's backtests (in parallel, reported as the progress's second phase).</summary>
public sealed class CoreEngineExecutor : IBenchmarkExecutor
{
    public string Description => "core engine";

    public Task<IReadOnlyList<PairRun>> RunAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var totals = default(EngineProgress); // every report carries the same totals
            var forecasts = new SynchronousProgress<EngineProgress>(p =>
            {
                totals = p;
                progress.Report(p);
            });
            var runs = RollingEngine.Run(universe, settings.Models, settings.Rolling, settings.ModelSettings, forecasts,
                maxDegreeOfParallelism: settings.Threads, cancellationToken: cancellationToken);
            var finished = new EngineProgress(totals.BarsTotal, totals.BarsTotal, runs.Count, runs.Count, totals.ForecastsTotal, totals.ForecastsTotal);
            return Backtest(runs, settings.Rolling.Alphas, finished, progress, settings.Threads, cancellationToken, settings.BacktestOptions);
        }, cancellationToken);

    /// <summary>Every pair's backtests (<see cref="Backtester"/>), <paramref name="threads"/> at a time (0 = all cores), as
    /// <see cref="PairRun.Backtests"/>, run as <paramref name="options"/> say (null: the default); progress as <paramref name="last"/> with the pairs done.</summary>
    internal static IReadOnlyList<PairRun> Backtest(IReadOnlyList<PairRun> runs, IReadOnlyList<double> alphas, EngineProgress last,
        IProgress<EngineProgress> progress, int threads, CancellationToken cancellationToken, BacktestOptions? options = null)
    {
        var done = 0;
        var result = new PairRun[runs.Count];
        progress.Report(last with { BacktestsDone = 0, BacktestsTotal = runs.Count });
        Parallel.For(0, runs.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        }, i =>
        {
            result[i] = runs[i] with { Backtests = runs[i].Backtests ?? Backtester.Summarize(runs[i].Forecasts, alphas, options) };
            progress.Report(last with { BacktestsDone = Interlocked.Increment(ref done), BacktestsTotal = runs.Count });
        });
        return result;
    }
}
