using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Runs the benchmark through the grid: an embedded silo in this process, or a running cluster. The
/// universe is defined, its series pushed in date order (each push fans out to every pair, which
/// realises, refits when due and forecasts), then every pair's history is read back as Core
/// <see cref="PairRun"/>s — bit-identical to the Core engine's, so reporting has one path.
/// </summary>
public sealed class GridEngineExecutor(ClusterAddress? cluster, string universeName, int daysPerPush, bool reset) : IBenchmarkExecutor
{
    public string Description => cluster is null ? "grid (embedded silo)" : $"grid (cluster at {cluster})";

    public async Task<IReadOnlyList<PairRun>> RunAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var options = new RiskGridClientOptions { DaysPerPush = daysPerPush };
        await using var connection = cluster is null
            ? await RiskGridConnection.StartEmbeddedAsync(settings.Threads, options, cancellationToken)
            : await RiskGridConnection.ConnectAsync(cluster, options, cancellationToken);
        var client = connection.Client;
        var models = settings.Models.Select(m => ModelCatalog.Create(m, settings.ModelSettings).Name).ToArray();
        if (reset)
        {
            await client.ResetUniverseAsync(universeName, cancellationToken);
        }

        await client.DefineUniverseAsync(universeName, CoreMapping.ToSettings(settings.Rolling, settings.ModelSettings), models,
            [.. universe.Select(s => s.Instrument)], cancellationToken);

        var series = universe.Select(s => s.ToMessage()).ToArray();
        var pairs = universe.Count * models.Length;
        var barsTotal = universe.Sum(s => (long)s.Count) * models.Length;
        // Each push moves every pair forward to the same day, so no pair is done before the last push: no pairs count.
        await client.PushSeriesAsync(universeName, series, new SynchronousProgress<PushProgress>(p => progress.Report(new EngineProgress(
            p.PricesSent * models.Length, barsTotal, PairsDone: 0, PairsTotal: 0))), cancellationToken);

        // Read back in the Core engine's order: instrument, then model.
        var runs = new List<PairRun>(pairs);
        foreach (var s in universe)
        {
            foreach (var model in models)
            {
                var status = await client.GetPairStatusAsync(universeName, s.Instrument, model, cancellationToken);
                var history = await client.GetForecastHistoryAsync(universeName, s.Instrument, model, cancellationToken: cancellationToken);
                var state = new PairState
                {
                    BarsSeen = status.BarsSeen,
                    FitAttempts = status.FitAttempts,
                    FitFailures = status.FitFailures,
                    LastFit = status.LastFit?.ToCore(),
                    Forecasts = [.. history.Select(e => e.ToCore())],
                };
                runs.Add(new PairRun(s.Instrument, model, state, status.FitTime));
            }
        }

        return runs;
    }
}
