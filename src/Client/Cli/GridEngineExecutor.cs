using RiskGrid.Client.Cli.Embedded;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Client.Cli;

/// <summary>
/// Runs the benchmark through the grid: an embedded silo in this process, or a running cluster. The
/// universe is defined, its series pushed in date order (each push fans out to every pair, which
/// realises, refits when due and forecasts), then every pair's finished backtests and its forecast rows are read
/// back as Core <see cref="PairRun"/>s — bit-identical to the Core engine's, so reporting has one path.
/// </summary>
/// <param name="metricsPort">Serve the embedded silo's metrics on this loopback port while the run lasts (and for <paramref name="linger"/> after).</param>
/// <param name="linger">How long <see cref="LingerAsync"/> keeps serving the embedded silo's metrics once the run is reported.</param>
public sealed class GridEngineExecutor(ClusterAddress? cluster, string universeName, int daysPerPush, bool reset,
    int? metricsPort = null, TimeSpan linger = default) : IBenchmarkExecutor
{
    private RiskGridConnection? _lingering;
    private Prometheus.MetricServer? _metrics;

    public string Description => cluster is null ? EmbeddedSilo.Description : $"grid (cluster at {cluster})";

    /// <summary>The embedded silo's metrics address while they are served; null otherwise.</summary>
    public Uri? MetricsUrl { get; private set; }

    public async Task<IReadOnlyList<PairRun>> RunAsync(IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        if (metricsPort is not null && cluster is not null)
        {
            throw new ArgumentException("--metrics-port serves the embedded silo's metrics; a cluster's silos serve their own (--metrics-port on each silo)");
        }

        var options = new RiskGridClientOptions { DaysPerPush = daysPerPush };
        var connection = cluster is null
            ? await EmbeddedSilo.StartAsync(settings.Threads, options, cancellationToken)
            : await RiskGridConnection.ConnectAsync(cluster, options, cancellationToken);
        try
        {
            if (metricsPort is { } port)
            {
                (_metrics, MetricsUrl) = EmbeddedSilo.ServeMetrics(connection, port);
                await CliAction.Error.WriteLineAsync($"metrics: {MetricsUrl} (embedded silo; scrape it as job riskgrid-silo)");
            }

            var runs = await RunAsync(connection, universe, settings, progress, cancellationToken);
            if (MetricsUrl is not null && linger > TimeSpan.Zero)
            {
                _lingering = connection; // kept for LingerAsync
                connection = null;
            }

            return runs;
        }
        finally
        {
            if (connection is not null)
            {
                await StopAsync(connection);
            }
        }
    }

    /// <summary>Keeps serving the embedded silo's metrics for the linger time (Ctrl-C ends it early), then stops the silo.</summary>
    public async Task LingerAsync(CancellationToken cancellationToken)
    {
        if (_lingering is not { } connection)
        {
            return;
        }

        _lingering = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CliAction.Error.WriteLineAsync($"serving metrics at {MetricsUrl} for {Options.OptionParsers.FormatDuration(linger)} more (Ctrl-C to stop)");
            await Task.Delay(linger, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the run itself has finished and been reported.
        }
        finally
        {
            await StopAsync(connection);
        }
    }

    // The metrics server first: it reads the silo's registry.
    private async Task StopAsync(RiskGridConnection connection)
    {
        try
        {
            if (_metrics is { } metrics)
            {
                _metrics = null;
                using (metrics)
                {
                    await metrics.StopAsync();
                }
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<PairRun>> RunAsync(RiskGridConnection connection, IReadOnlyList<PriceSeries> universe, BenchmarkSettings settings,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var models = settings.Models.Select(m => ModelCatalog.Create(m, settings.ModelSettings).Name).ToArray();
        if (reset)
        {
            await client.ResetUniverseAsync(universeName, cancellationToken);
        }

        await client.DefineUniverseAsync(universeName, CoreMapping.ToSettings(settings.Rolling, settings.ModelSettings, settings.BacktestOptions), models,
            [.. universe.Select(s => s.Instrument)], cancellationToken);

        var series = universe.Select(s => s.ToMessage()).ToArray();
        var barsTotal = universe.Sum(s => (long)s.Count) * models.Length;
        // Each push moves every pair forward to the same day, so no pair is done before the last push: no pairs count.
        // Forecast days: a push reaches the same date on every instrument, so each has about the same share of its prices sent.
        var window = settings.Rolling.Window;
        var forecastsTotal = universe.Sum(s => EngineProgress.ForecastDays(s.Count, window)) * models.Length;
        await client.PushSeriesAsync(universeName, series, new SynchronousProgress<PushProgress>(p =>
        {
            var share = p.PricesTotal > 0 ? (double)p.PricesSent / p.PricesTotal : 0;
            var forecasts = universe.Sum(s => EngineProgress.ForecastDays((long)Math.Round(share * s.Count), window)) * models.Length;
            progress.Report(new EngineProgress(p.PricesSent * models.Length, barsTotal, PairsDone: 0, PairsTotal: 0,
                p.PricesSent >= p.PricesTotal ? forecastsTotal : Math.Min(forecasts, forecastsTotal), forecastsTotal));
        }), cancellationToken);

        // The second phase: each pair computes its backtests on its silo as it is read back.
        var finished = new EngineProgress(barsTotal, barsTotal, 0, 0, forecastsTotal, forecastsTotal);
        var pairs = universe.Count * models.Length;
        progress.Report(finished with { BacktestsTotal = pairs });
        return await ReadPairsAsync(client, universeName, [.. universe.Select(s => s.Instrument)], models, cancellationToken,
            new SynchronousProgress<int>(done => progress.Report(finished with { BacktestsDone = done, BacktestsTotal = pairs })));
    }

    /// <summary>Every pair's finished backtests (computed in the grid) and forecast rows as Core <see cref="PairRun"/>s,
    /// in the Core engine's order (instrument, then model). Several pairs at a time: each computes its whole-sample
    /// tests on its silo.</summary>
    /// <param name="pairsRead">Told the number of pairs read so far, after each.</param>
    public static async Task<IReadOnlyList<PairRun>> ReadPairsAsync(RiskGridClient client, string universe, IReadOnlyList<string> instruments,
        IReadOnlyList<string> models, CancellationToken cancellationToken, IProgress<int>? pairsRead = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var keys = (from instrument in instruments from model in models select (Instrument: instrument, Model: model)).ToArray();
        var runs = new PairRun[keys.Length];
        var read = 0;
        using var reads = new SemaphoreSlim(Math.Max(4, 2 * Environment.ProcessorCount));
        await Task.WhenAll(keys.Select(async (key, i) =>
        {
            await reads.WaitAsync(cancellationToken);
            try
            {
                var status = await client.GetPairStatusAsync(universe, key.Instrument, key.Model, cancellationToken);
                var summary = await client.GetPairSummaryAsync(universe, key.Instrument, key.Model, cancellationToken);
                var history = await client.GetForecastHistoryAsync(universe, key.Instrument, key.Model, cancellationToken: cancellationToken);
                runs[i] = new PairRun(key.Instrument, key.Model, [.. history.Select(e => e.ToCore())], status.FitAttempts,
                    status.FitFailures, status.LastFit?.ToCore(), status.FitTime)
                {
                    Backtests = [.. summary.Backtests.Select(b => b.ToCore())],
                };
                pairsRead?.Report(Interlocked.Increment(ref read));
            }
            finally
            {
                reads.Release();
            }
        }));

        return runs;
    }
}
