using System.Collections.Concurrent;
using RiskGrid.Core.Data;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>
/// The batch rolling engine: every instrument × model pair is an independent <see cref="RollingPair"/>
/// fed its series bar by bar; pairs run in parallel on all cores. Results do not depend on the
/// degree of parallelism.
/// </summary>
public static class RollingEngine
{
    /// <summary>Runs one pair over a whole series (the unit a grain owns).</summary>
    public static PairRun RunPair(PriceSeries series, IRiskModel model, RollingOptions options,
        Action<int>? onBars = null, CancellationToken cancellationToken = default)
    {
        var pair = new RollingPair(model, options, series.Source);
        var fitTime = TimeSpan.Zero;
        var pending = 0;
        foreach (var bar in series.Bars)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fitTime += pair.Append(bar).FitDuration;
            if (++pending == 64)
            {
                onBars?.Invoke(pending);
                pending = 0;
            }
        }

        onBars?.Invoke(pending);
        return new PairRun(series.Instrument, model.Name, pair.State, fitTime);
    }

    /// <summary>
    /// Runs every instrument with every named model. Results come back ordered by instrument, then
    /// model, as given. Throws <see cref="ArgumentException"/> for unknown models or a series too
    /// short for the window, before any work starts.
    /// </summary>
    public static IReadOnlyList<PairRun> Run(IReadOnlyList<PriceSeries> universe, IReadOnlyList<string> models,
        RollingOptions options, ModelSettings? settings = null, IProgress<EngineProgress>? progress = null,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ModelCatalog.Check(models, options, settings);
        foreach (var series in universe)
        {
            CheckLength(series, options);
        }

        var jobs = (from s in universe from m in models select (Series: s, Model: m)).ToArray();
        var results = new PairRun[jobs.Length];
        long barsTotal = jobs.Sum(j => (long)j.Series.Count);
        long forecastsTotal = jobs.Sum(j => EngineProgress.ForecastDays(j.Series.Count, options.Window));
        long barsDone = 0;
        long forecastsDone = 0;
        var pairsDone = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        var riskModels = jobs.Select(j => ModelCatalog.Create(j.Model, settings)).ToArray();
        var order = StartOrder(riskModels, [.. jobs.Select(j => j.Series.Count)], options);
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, i =>
        {
            var (series, _) = jobs[i];
            long seen = 0;
            results[i] = RunPair(series, riskModels[i], options, n =>
                {
                    var forecasts = EngineProgress.ForecastDays(seen + n, options.Window) - EngineProgress.ForecastDays(seen, options.Window);
                    seen += n;
                    progress?.Report(new EngineProgress(Interlocked.Add(ref barsDone, n), barsTotal,
                        Volatile.Read(ref pairsDone), jobs.Length, Interlocked.Add(ref forecastsDone, forecasts), forecastsTotal));
                },
                cancellationToken);
            var done = Interlocked.Increment(ref pairsDone);
            progress?.Report(new EngineProgress(Interlocked.Read(ref barsDone), barsTotal, done, jobs.Length,
                Interlocked.Read(ref forecastsDone), forecastsTotal));
        });
        return results;
    }

    /// <summary>
    /// The order in which pairs start (indices into <paramref name="models"/> and <paramref name="seriesLengths"/>): costliest
    /// first by <see cref="IRiskModel.FitCost"/> × fits, ties in the given order. A pair is one sequential chain of
    /// warm-started fits; started last, a heavy pair would run on alone while the other cores idle. The order changes no result.
    /// </summary>
    internal static int[] StartOrder(IReadOnlyList<IRiskModel> models, IReadOnlyList<int> seriesLengths, RollingOptions options) =>
        [.. Enumerable.Range(0, models.Count)
            .OrderByDescending(i => models[i].FitCost * seriesLengths[i] / (models[i].RefitInterval ?? options.RefitEvery))
            .ThenBy(i => i)];

    /// <summary>A series must hold more than window + 1 bars to produce at least one backtestable forecast.</summary>
    public static void CheckLength(PriceSeries series, RollingOptions options)
    {
        var needed = options.Window + 2;
        if (series.Count < needed)
        {
            throw new DataValidationException(series.Source, 0,
                $"{series.Instrument} has {series.Count} prices but a {options.Window}-return window needs at least {needed} " +
                "(window + 1 prices to fit, one more to check the first forecast)");
        }
    }
}
