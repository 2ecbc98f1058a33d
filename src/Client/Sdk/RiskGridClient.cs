using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// The RiskGrid client SDK: typed queries and updates over a cluster client (an embedded silo's or a
/// remote cluster's). It speaks only the grid's interfaces and messages; refusals come back as
/// <see cref="RiskGridException"/> (or <see cref="PriceRejectedException"/> for bad prices) with a
/// message that says what was wrong. Writes are resent after transient failures, which is safe because
/// every write is idempotent.
/// </summary>
public sealed class RiskGridClient
{
    private readonly IClusterClient _cluster;
    private readonly RiskGridClientOptions _options;
    private readonly ResilientCalls _calls;

    public RiskGridClient(IClusterClient cluster, RiskGridClientOptions? options = null, ILogger<RiskGridClient>? logger = null)
    {
        _cluster = cluster;
        _options = options ?? RiskGridClientOptions.Default;
        _calls = new ResilientCalls(cluster, _options, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The Orleans client, for anything the SDK does not wrap.</summary>
    public IClusterClient Cluster => _cluster;

    /// <summary>Calls resent after transient failures so far.</summary>
    public int Retries => _calls.Retries;

    // ---- universes -------------------------------------------------------------------------------

    /// <summary>Configures a universe (settings and models) and registers its instruments; idempotent.</summary>
    public async Task<UniverseDefinition> DefineUniverseAsync(string universe, RollingSettings settings,
        IReadOnlyList<string> models, IReadOnlyList<string> instruments, CancellationToken cancellationToken = default)
    {
        var grain = Universe(universe);
        await _calls.CallAsync($"configure universe {universe}", () => grain.ConfigureAsync(settings, [.. models]), cancellationToken);
        return await _calls.CallAsync($"register instruments in {universe}", () => grain.AddInstrumentsAsync([.. instruments]), cancellationToken);
    }

    public Task<UniverseDefinition> GetUniverseAsync(string universe, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"read universe {universe}", () => Universe(universe).GetDefinitionAsync(), cancellationToken);

    public Task<UniverseSummary> GetUniverseSummaryAsync(string universe, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"summarise universe {universe}", () => Universe(universe).GetSummaryAsync(), cancellationToken);

    /// <summary>Resets every pair and portfolio of a universe.</summary>
    public Task ResetUniverseAsync(string universe, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"reset universe {universe}", async () =>
        {
            await Universe(universe).ResetAsync();
            return true;
        }, cancellationToken);

    /// <summary>One push: new prices of several instruments, fanned out to every model's pair.</summary>
    public Task<PushResult> PushAsync(string universe, IReadOnlyList<InstrumentPrices> prices, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"push to {universe}", () => Universe(universe).PushPricesAsync([.. prices]), cancellationToken);

    /// <summary>
    /// Uploads whole series in date order, <see cref="RiskGridClientOptions.DaysPerPush"/> trading days per
    /// push (instruments with different calendars are cut at the same dates), reporting progress after
    /// each push. A push that fails under a silo loss is resent; the pairs skip what they already had.
    /// </summary>
    public async Task<PushProgress> PushSeriesAsync(string universe, IReadOnlyList<InstrumentPrices> series,
        IProgress<PushProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var dates = series.SelectMany(s => s.Prices.Select(p => p.Date)).Distinct().Order().ToArray();
        var total = series.Sum(s => (long)s.Prices.Length);
        var position = new int[series.Count];
        var done = new PushProgress(0, total, 0, 0, 0);
        for (var start = 0; start < dates.Length; start += _options.DaysPerPush)
        {
            var last = dates[Math.Min(dates.Length, start + _options.DaysPerPush) - 1];
            var batch = new List<InstrumentPrices>(series.Count);
            long sent = 0;
            for (var i = 0; i < series.Count; i++)
            {
                var from = position[i];
                var to = from;
                while (to < series[i].Prices.Length && series[i].Prices[to].Date <= last)
                {
                    to++;
                }

                if (to > from)
                {
                    batch.Add(new InstrumentPrices(series[i].Instrument, series[i].Prices[from..to]));
                    sent += to - from;
                    position[i] = to;
                }
            }

            var retriesBefore = _calls.Retries;
            var result = await PushAsync(universe, batch, cancellationToken);
            done = done with
            {
                PricesSent = done.PricesSent + sent,
                Pushes = done.Pushes + 1,
                PairUpdates = done.PairUpdates + result.PairUpdates,
                Retries = done.Retries + _calls.Retries - retriesBefore,
            };
            progress?.Report(done);
        }

        return done;
    }

    // ---- pairs ----------------------------------------------------------------------------------

    /// <summary>VaR/ES at any level for the next day; null while the pair's window is filling.</summary>
    public Task<RiskEstimate?> GetForecastAsync(string universe, string instrument, string model, double alpha, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"forecast {PairKey.Of(universe, instrument, model)}", () => Pair(universe, instrument, model).GetForecastAsync(alpha), cancellationToken);

    /// <summary>The pair's backtest at one of its recorded levels (computed in the grid).</summary>
    public Task<BacktestReport> GetBacktestAsync(string universe, string instrument, string model, double alpha, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"backtest {PairKey.Of(universe, instrument, model)}", () => Pair(universe, instrument, model).GetBacktestAsync(alpha), cancellationToken);

    /// <summary>The pair's progress and its backtests at every recorded level (computed in the grid).</summary>
    public Task<PairSummary> GetPairSummaryAsync(string universe, string instrument, string model, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"summary of {PairKey.Of(universe, instrument, model)}", () => Pair(universe, instrument, model).GetSummaryAsync(), cancellationToken);

    public Task<PairStatus> GetPairStatusAsync(string universe, string instrument, string model, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"status of {PairKey.Of(universe, instrument, model)}", () => Pair(universe, instrument, model).GetStatusAsync(), cancellationToken);

    /// <summary>Recorded forecasts of a pair from <paramref name="start"/> on, oldest first (read in pages of
    /// <paramref name="pageSize"/>).</summary>
    public async Task<IReadOnlyList<ForecastEntry>> GetForecastHistoryAsync(string universe, string instrument, string model,
        int start = 0, int pageSize = 5000, CancellationToken cancellationToken = default)
    {
        var pair = Pair(universe, instrument, model);
        var all = new List<ForecastEntry>();
        while (true)
        {
            var from = start + all.Count;
            var page = await _calls.CallAsync($"history of {PairKey.Of(universe, instrument, model)}",
                () => pair.GetForecastsAsync(from, pageSize), cancellationToken);
            all.AddRange(page.Entries);
            if (page.Entries.Length == 0 || start + all.Count >= page.Total)
            {
                return all;
            }
        }
    }

    // ---- portfolios ------------------------------------------------------------------------------

    /// <summary>Defines a portfolio of a universe's instruments under one of its models.</summary>
    public Task<PortfolioStatus> AddPortfolioAsync(string universe, string name, IReadOnlyList<PortfolioWeight> weights, string model,
        CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"add portfolio {name}", () => Universe(universe).AddPortfolioAsync(name, [.. weights], model), cancellationToken);

    /// <summary>A portfolio's P&amp;L, VaR/ES by each method, backtests and zones.</summary>
    public Task<PortfolioStatus> GetPortfolioAsync(string universe, string name, CancellationToken cancellationToken = default) =>
        _calls.CallAsync($"status of portfolio {name}",
            () => _cluster.GetGrain<IPortfolioGrain>(UniverseKey.Of(universe, name)).GetStatusAsync(), cancellationToken);

    private IUniverseGrain Universe(string name)
    {
        UniverseKey.CheckName(name);
        return _cluster.GetGrain<IUniverseGrain>(name);
    }

    private IInstrumentModelGrain Pair(string universe, string instrument, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(universe);
        ArgumentException.ThrowIfNullOrWhiteSpace(instrument);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return _cluster.GetGrain<IInstrumentModelGrain>(PairKey.Of(universe, instrument, model));
    }
}
