using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.Metrics;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Storage;
using RiskGrid.Grains.Training;

namespace RiskGrid.Grains;

/// <summary>
/// One instrument×model pair of a universe: a Core <see cref="RollingPair"/> whose <see cref="PairState"/> is the
/// grain's persisted record, written after every batch, so a reactivated pair (on any silo) continues
/// exactly where it stopped and its results equal the batch engine's bit for bit. The record is bounded:
/// full chunks of realised forecasts move to append-only <see cref="ForecastChunk"/> records. Fits and forecasts run on the
/// silo's <see cref="FitScheduler"/>; the fits of models that want an accelerator run on the pair's
/// <see cref="IModelTrainingGrain"/> instead, which is placed on a GPU silo when there is one.
/// </summary>
public sealed partial class InstrumentModelGrain(
    [PersistentState("pair", RiskGridStorage.Name)] IPersistentState<PairGrainState> state,
    [FromKeyedServices(RiskGridStorage.Name)] IGrainStorage storage,
    HistoryChunking chunking,
    FitScheduler fits,
    RiskGridMetrics metrics,
    IOptions<RiskGridMetricsOptions> metricsOptions,
    ILogger<InstrumentModelGrain> logger) : Grain, IInstrumentModelGrain
{
    // A batch whose days are expected to cost at most this runs on the grain's own turn: handing a day of a cheap
    // model (a few microseconds) to the fit pool and back cost more than the day itself. The expectation is a moving
    // average of this activation's days (refits included; a dear model's occasional refit may then run here, a few
    // milliseconds at most); until a day has been measured, batches go to the pool.
    private const double InlineBatchSeconds = 0.5e-3;
    private double _dayCost = double.PositiveInfinity;

    private string _universe = "";
    private string _instrument = "";
    private string _model = "";
    private RollingPair? _pair;
    private BacktestSummary[]? _backtests;
    private ChunkStore<ForecastChunk>? _chunks;

    // The prices of the batch being appended (one list per activation, refilled by each batch: calls to a grain never overlap).
    private readonly List<PriceBar> _fresh = [];

    // The closed chunks' forecasts, once read (they never change): full-sample backtests read them once. Null until a
    // query reads every forecast: pushes alone keep no history in memory, only in its chunks.
    private List<ForecastRecord>? _closed;
    private bool _stale;
    private bool _metricsDue;
    private bool _testsDue;
    private DateTime _testsPublished;
    private BacktestSummary[]? _publishedTests;

    private string Key => PairKey.Of(_universe, _instrument, _model);

    private ChunkStore<ForecastChunk> Chunks => _chunks ??= new ChunkStore<ForecastChunk>(storage, Key, "forecasts");

    private IInstrumentPricesGrain Prices => GrainFactory.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(_universe, _instrument));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_universe, _instrument, _model) = PairKey.Parse(this.GetPrimaryKeyString());
        if (state.State.Settings is { } settings)
        {
            if (state.State.Version < StateVersions.Pair)
            {
                await MigrateAsync();
            }

            _pair = await ResumePairAsync(settings);
            _metricsDue = true;
            _testsDue = true;
        }

        // Metrics: a changed pair republishes on the next tick (see RiskGridMetricsOptions.PairPublishInterval), its
        // whole-sample tests PairTestsInterval after activation at the earliest (a silo start must not compute them all at once).
        _testsPublished = DateTime.UtcNow;
        var interval = metricsOptions.Value.PairPublishInterval;
        this.RegisterGrainTimer(PublishMetrics, interval, interval);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ForgetMetrics();
        return Task.CompletedTask;
    }

    public async Task<PairStatus> ConfigureAsync(RollingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ThrowIfStale();
        if (state.State.Settings is { } current)
        {
            if (current.SameAs(settings))
            {
                return Status();
            }

            if (state.State.Pair.BarsSeen > 0)
            {
                throw new RiskGridException(
                    $"pair {Key} already holds {state.State.Pair.BarsSeen} prices under settings ({current}); " +
                    $"it cannot switch to ({settings}); reset it first");
            }
        }

        var pair = CreatePair(settings, new PairState());
        state.State = new PairGrainState
        {
            Settings = settings,
            Pair = pair.State,
            Version = StateVersions.Pair,
            ChunkDays = chunking.Days,
            Backtests = [.. settings.Alphas.Select(a => new BacktestAccumulator(a))],
        };
        _pair = pair;
        _backtests = null;
        _closed = null;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<AppendResult> AppendPricesAsync(PriceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pair = RequirePair();
        var fresh = await FreshAsync(pair, batch);
        if (fresh.Count > 0)
        {
            try
            {
                var fitTime = pair.Model.WantsAccelerator
                    ? await AppendTrainingElsewhereAsync(pair, fresh)
                    : fresh.Count * _dayCost <= InlineBatchSeconds
                        ? AppendHere(pair, fresh)
                        : await fits.Run(() => AppendHere(pair, fresh));
                var s = state.State;
                s.FirstDate ??= fresh[0].Date;
                s.FitTicks += fitTime.Ticks;
                FeedBacktests();
                await CloseChunksAsync();
                _backtests = null;
                await state.WriteStateAsync();
                _metricsDue = true;
                _testsDue = true;
            }
            catch (Exception ex)
            {
                // The in-memory pair may now be ahead of (or inconsistent with) what is stored: drop this
                // activation so that the next call reloads the last written state, and let the caller retry.
                LogAppendFailed(logger, ex, Key);
                _stale = true;
                DeactivateOnIdle();
                throw;
            }
        }

        return new AppendResult(_instrument, _model, batch.Prices.Length, fresh.Count, batch.Prices.Length - fresh.Count,
            pair.LastDate, state.State.ForecastCount);
    }

    // The accepted prices this pair has not taken yet: the pair holds the instrument's prices 0 … BarsSeen − 1.
    private async Task<List<PriceBar>> FreshAsync(RollingPair pair, PriceBatch batch)
    {
        var have = pair.State.BarsSeen;
        var fresh = _fresh;
        fresh.Clear();
        if (have < batch.FirstIndex)
        {
            // An earlier push failed under this pair: take what it missed from the instrument first.
            var missed = await Prices.GetPricesAsync(have, batch.FirstIndex - have);
            if (missed.Length != batch.FirstIndex - have)
            {
                throw new RiskGridException(
                    $"pair {Key} holds {have} prices but instrument '{_instrument}' has only {have + missed.Length} before a batch from position {batch.FirstIndex}");
            }

            fresh.AddRange(missed.Select(p => p.ToCore()));
            have = batch.FirstIndex;
        }

        for (var i = have - batch.FirstIndex; i < batch.Prices.Length; i++)
        {
            fresh.Add(batch.Prices[i].ToCore());
        }

        return fresh;
    }

    // The incremental backtests take the forecasts realised since the last batch (all still in the open list).
    private void FeedBacktests()
    {
        var s = state.State;
        var accumulators = s.Backtests!;
        var closed = s.ClosedChunks * s.ChunkDays;
        var open = s.Pair.Forecasts;
        while (s.BacktestsFed < s.ForecastCount && open[s.BacktestsFed - closed] is { IsRealized: true } record)
        {
            for (var k = 0; k < accumulators.Length; k++)
            {
                accumulators[k].Add(record, k);
            }

            s.BacktestsFed++;
        }
    }

    // Moves full chunks of realised forecasts out of the record (every forecast but the last is realised).
    private async Task CloseChunksAsync()
    {
        var s = state.State;
        var open = s.Pair.Forecasts;
        while (open.Count > s.ChunkDays)
        {
            var chunk = open.GetRange(0, s.ChunkDays);
            await Chunks.WriteAsync(s.ClosedChunks, ForecastChunk.Of(chunk));
            _closed?.AddRange(chunk);
            open.RemoveRange(0, s.ChunkDays);
            s.ClosedChunks++;
        }
    }

    // Version 0 kept every forecast and a price log in the record: the forecasts move to chunks, the log
    // (closes only) seeds the instrument's accepted prices when the instrument has none yet.
    private async Task MigrateAsync()
    {
        var s = state.State;
        if (s.ChunkDays <= 0)
        {
            s.ChunkDays = chunking.Days;
        }

        await CloseChunksAsync();
        if (s.LegacyLog is { Count: > 0 } log)
        {
            s.FirstDate ??= DateOnly.FromDayNumber(log.Days[0]);
            if (!await Prices.AdoptAsync([.. log.Days.Select((d, i) => DailyPrice.FromClose(DateOnly.FromDayNumber(d), log.Closes[i]))]))
            {
                // Two models of one instrument held different prices (possible before prices had one source of truth).
                LogDivergedLegacy(logger, Key, _instrument);
            }
        }

        s.LegacyLog = null;
        if (s.Backtests is null && s.Settings is { } settings)
        {
            // Version 1 and before: the accumulators are built from the whole history, once.
            var all = await AllForecastsAsync();
            s.Backtests = BacktestAccumulator.Of(all, settings.Alphas);
            s.BacktestsFed = all.Count > 0 && !all[^1].IsRealized ? all.Count - 1 : all.Count;
        }

        s.Version = StateVersions.Pair;
        await state.WriteStateAsync();
    }

    public Task<RiskEstimate?> GetForecastAsync(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new RiskGridException($"pair {Key}: confidence level must be in (0, 1), got {alpha}");
        }

        var pair = RequirePair();
        RiskForecast[]? forecast;
        try
        {
            forecast = pair.ForecastNow([alpha]);
        }
        catch (ArgumentException ex)
        {
            // E.g. a level outside those an LSTM was trained for.
            throw new RiskGridException($"pair {Key}: {ex.Message}");
        }

        if (forecast is null || pair.LastDate is not { } asOf || pair.State.LastFit is not { } fit)
        {
            return Task.FromResult<RiskEstimate?>(null);
        }

        var f = forecast[0];
        return Task.FromResult<RiskEstimate?>(new RiskEstimate(_instrument, _model, asOf, alpha, f.VaR, f.ES, f.Mean,
            f.Volatility, fit.Status.ToMessage(), pair.State.ForecastsSinceFit));
    }

    public async Task<BacktestReport> GetBacktestAsync(double alpha)
    {
        var settings = RequirePair().Options;
        var level = -1;
        for (var i = 0; i < settings.Alphas.Count; i++)
        {
            if (settings.Alphas[i] == alpha)
            {
                level = i;
            }
        }

        if (level < 0)
        {
            throw new RiskGridException(
                $"pair {Key} records forecasts at levels {string.Join(", ", settings.Alphas)}, not at {alpha}; " +
                "backtests need forecasts recorded at that level: push (or re-run) with it among --alpha");
        }

        return (await BacktestsAsync())[level].ToMessage();
    }

    public async Task<PairSummary> GetSummaryAsync()
    {
        var pair = RequirePair();
        var backtests = await BacktestsAsync();
        return new PairSummary(_instrument, _model, pair.State.BarsSeen, pair.LastDate,
            state.State.ForecastCount, pair.State.FitFailures, [.. backtests.Select(b => b.ToMessage())]);
    }

    public Task<PairStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<ForecastPage> GetForecastsAsync(int start, int count)
    {
        RequirePair();
        var total = state.State.ForecastCount;
        var (from, take) = Page(start, count, total);
        var records = await ReadForecastsAsync(from, take);
        return new ForecastPage(from, total, [.. records.Select(r => r.ToMessage())]);
    }

    public async Task<PairUpdates> GetUpdatesAsync(int priceStart, int forecastStart)
    {
        var pair = RequirePair();
        var (pFrom, pTake) = Page(priceStart, int.MaxValue, pair.State.BarsSeen);
        var prices = pTake == 0 ? [] : await Prices.GetPricesAsync(pFrom, pTake);
        var total = state.State.ForecastCount;
        var (fFrom, fTake) = Page(forecastStart, int.MaxValue, total);
        var forecasts = await ReadForecastsAsync(fFrom, fTake);
        return new PairUpdates(pFrom, [.. prices.Select(p => new ClosePrice(p.Date, p.Close))], fFrom,
            [.. forecasts.Select(f => f.ToMessage())]);
    }

    // Forecasts from..from+take−1: closed chunks (from the cache, or only the chunks the range touches), then the open ones.
    private async Task<List<ForecastRecord>> ReadForecastsAsync(int from, int take)
    {
        var s = state.State;
        var closedCount = s.ClosedChunks * s.ChunkDays;
        var result = new List<ForecastRecord>(take);
        if (from < closedCount && take > 0)
        {
            var to = Math.Min(closedCount, from + take);
            if (_closed is { } cache && cache.Count == closedCount)
            {
                result.AddRange(cache.GetRange(from, to - from));
            }
            else
            {
                var firstChunk = from / s.ChunkDays;
                var chunks = await Chunks.ReadRangeAsync(firstChunk, (to - 1) / s.ChunkDays + 1);
                var skip = from - firstChunk * s.ChunkDays;
                result.AddRange(chunks.SelectMany(c => c.Forecasts).Skip(skip).Take(to - from));
            }
        }

        var openFrom = Math.Max(0, from - closedCount);
        var openTake = take - result.Count;
        if (openTake > 0)
        {
            result.AddRange(s.Pair.Forecasts.GetRange(openFrom, openTake));
        }

        return result;
    }

    // Every forecast, for full-sample backtests: the closed chunks are read once per activation.
    private async Task<List<ForecastRecord>> AllForecastsAsync()
    {
        var s = state.State;
        if (_closed is null || _closed.Count != s.ClosedChunks * s.ChunkDays)
        {
            var chunks = await Chunks.ReadRangeAsync(0, s.ClosedChunks);
            _closed = [.. chunks.SelectMany(c => c.Forecasts)];
        }

        return [.. _closed, .. s.Pair.Forecasts];
    }

    public async Task<bool> AdoptLegacyAsync(RollingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings is not null)
        {
            return false;
        }

        var legacy = new GrainState<PairGrainState>();
        await storage.ReadStateAsync("pair", GrainId.Create(this.GetGrainId().Type, $"{_instrument}/{_model}"), legacy);
        if (!legacy.RecordExists || legacy.State?.Settings is not { } old || !old.SameAs(settings) || legacy.State.Version != 0)
        {
            return false;
        }

        // Written as this pair's own record (a new ETag), then migrated like any version-0 record.
        state.State = legacy.State;
        await state.WriteStateAsync();
        await MigrateAsync();
        _pair = CreatePair(settings, state.State.Pair);
        _backtests = null;
        _closed = null;
        _metricsDue = true;
        _testsDue = true;
        return true;
    }

    public async Task ResetAsync()
    {
        ForgetMetrics();
        await Chunks.ClearAsync(state.State.ClosedChunks);
        await state.ClearStateAsync();
        state.State = new PairGrainState();
        _pair = null;
        _backtests = null;
        _closed = null;
    }

    // The incremental figures on every tick after a change; the whole-sample tests (milliseconds to a tenth of a
    // second per pair, mostly Monte Carlo p-values) only when they were computed anyway or at PairTestsInterval.
    private async Task PublishMetrics()
    {
        if (_stale || _pair is not { } pair)
        {
            return;
        }

        if (_metricsDue)
        {
            _metricsDue = false;
            metrics.PublishPair(_instrument, _model, pair, state.State.ForecastCount, Figures());
        }

        var now = DateTime.UtcNow;
        if (_testsDue && (_backtests is not null || now - _testsPublished >= metricsOptions.Value.PairTestsInterval))
        {
            _testsDue = false;
            _testsPublished = now;
            _publishedTests = await BacktestsAsync();
            metrics.PublishPairTests(_instrument, _model, pair.Options.Alphas, _publishedTests);
        }
    }

    private BacktestFigures[] Figures() => [.. (state.State.Backtests ?? []).Select(b => b.Figures())];

    private void ForgetMetrics()
    {
        if (_pair is { } pair)
        {
            metrics.ForgetPair(_instrument, _model, pair.Options.Alphas, _publishedTests);
            _publishedTests = null;
        }
    }

    // Cheap models: the whole batch, fits included, in one go on the fit pool.
    private TimeSpan AppendHere(RollingPair pair, List<PriceBar> fresh)
    {
        var time = TimeSpan.Zero;
        foreach (var bar in fresh)
        {
            var started = Stopwatch.GetTimestamp();
            var step = pair.Append(bar);
            var cost = Stopwatch.GetElapsedTime(started).TotalSeconds;
            _dayCost = double.IsInfinity(_dayCost) ? cost : 0.8 * _dayCost + 0.2 * cost;
            metrics.ObserveFit(_model, step);
            time += step.FitDuration;
        }

        return time;
    }

    // Models that want an accelerator: days are appended on the fit pool up to one that needs a fit, the fit
    // runs on the pair's training grain (placed on a GPU silo when there is one), and that day completes back
    // on the pool. If the training grain's silo dies, the call fails, this update fails like any other, and
    // the resent update re-places the training grain.
    private async Task<TimeSpan> AppendTrainingElsewhereAsync(RollingPair pair, List<PriceBar> fresh)
    {
        var training = GrainFactory.GetGrain<IModelTrainingGrain>(Key);
        var settings = state.State.Settings!;
        var time = TimeSpan.Zero;
        var next = 0;
        TrainingResult? trained = null;
        while (true)
        {
            var done = trained;
            var request = await fits.Run(() =>
            {
                if (done is not null)
                {
                    metrics.ObserveFit(_model, pair.CompleteAppend(done.Fit, done.Duration));
                }

                while (next < fresh.Count)
                {
                    if (pair.BeginAppend(fresh[next++]) is { } due)
                    {
                        return due;
                    }

                    metrics.ObserveFit(_model, pair.CompleteAppend(null, TimeSpan.Zero));
                }

                return null;
            });
            if (request is null)
            {
                return time;
            }

            trained = await training.FitAsync(new TrainingRequest(_model, settings, request.Window, request.Previous));
            time += trained.Duration;
            state.State.TrainedOn = trained.Silo;
            state.State.TrainedOnGpu = trained.Gpu;
            LogTrained(logger, Key, trained.Silo, trained.Gpu, trained.Duration.TotalSeconds);
        }
    }

    private RollingPair CreatePair(RollingSettings settings, PairState pairState) => CreatePair(settings, CreateModel(settings), pairState);

    private RollingPair CreatePair(RollingSettings settings, IRiskModel model, PairState pairState)
    {
        try
        {
            return new RollingPair(model, settings.ToOptions(), _instrument, pairState);
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"pair {Key}: {ex.Message}");
        }
    }

    private IRiskModel CreateModel(RollingSettings settings)
    {
        try
        {
            return ModelCatalog.Create(_model, settings.ToModelSettings());
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"pair {Key}: {ex.Message}");
        }
    }

    // The stored pair (version 4 on) holds no bars: its window is the instrument's last accepted prices up to the pair's
    // BarsSeen, as many as the pair keeps (window + 1 + the model's padding), read back here. A record of version 3 or
    // before still brings its own bars.
    private async Task<RollingPair> ResumePairAsync(RollingSettings settings)
    {
        var model = CreateModel(settings);
        var pairState = state.State.Pair;
        if (pairState.Bars.Count == 0 && pairState.BarsSeen > 0)
        {
            var count = Math.Min(pairState.BarsSeen, settings.Window + 1 + model.HistoryPadding);
            var prices = await Prices.GetPricesAsync(pairState.BarsSeen - count, count);
            if (prices.Length != count)
            {
                throw new RiskGridException(
                    $"pair {Key} holds {pairState.BarsSeen} prices but instrument '{_instrument}' has only {pairState.BarsSeen - count + prices.Length}");
            }

            foreach (var price in prices)
            {
                pairState.Bars.Add(price.ToCore());
            }
        }

        return CreatePair(settings, model, pairState);
    }

    private RollingPair RequirePair()
    {
        ThrowIfStale();
        return _pair ?? throw new RiskGridException(
            $"pair {Key} is not configured: register instrument '{_instrument}' and model '{_model}' in a universe first");
    }

    // The one place the grain runs Core's whole-sample backtests: over every forecast (the closed chunks read once
    // per activation), on the fit pool (not the grain scheduler), cached until the next batch; run as the settings say
    // (the opt-in ESR Monte Carlo p-value).
    private async Task<BacktestSummary[]> BacktestsAsync()
    {
        var pair = RequirePair();
        if (_backtests is null)
        {
            var all = await AllForecastsAsync();
            var options = state.State.Settings!.ToBacktestOptions();
            _backtests = await fits.Run(() => Backtester.Summarize(all, pair.Options.Alphas, options));
        }

        return _backtests;
    }

    // Transient by design: the next activation has the last stored state, so the caller just resends.
    private void ThrowIfStale()
    {
        if (_stale)
        {
            throw new InvalidOperationException($"pair {Key} is reloading its last stored state after a failed update; send the request again");
        }
    }

    private PairStatus Status()
    {
        ThrowIfStale();
        var s = state.State;
        var pair = _pair;
        // Closed chunks hold realised forecasts only.
        return new PairStatus(_instrument, _model, s.Settings, s.Pair.BarsSeen, s.FirstDate, pair?.LastDate,
            s.ForecastCount, s.ClosedChunks * s.ChunkDays + s.Pair.Forecasts.Count(f => f.IsRealized), s.Pair.FitAttempts, s.Pair.FitFailures,
            s.Pair.LastFit is { } fit && pair is not null ? fit.ToMessage(pair.Model.ParameterNames) : null,
            TimeSpan.FromTicks(s.FitTicks), s.Pair.Forecasts.Count > 0 ? s.Pair.Forecasts[^1].ToMessage() : null,
            s.TrainedOn, s.TrainedOnGpu);
    }

    private static (int From, int Take) Page(int start, int count, int total)
    {
        if (start < 0 || count < 0)
        {
            throw new RiskGridException($"page start and count must not be negative, got {start} and {count}");
        }

        var from = Math.Min(start, total);
        return (from, (int)Math.Min(count, (long)total - from));
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Pair} trained on {Silo} (gpu: {Gpu}) in {Seconds:0.000} s")]
    private static partial void LogTrained(ILogger logger, string pair, SiloAddress silo, bool gpu, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pair} migrated from state written before versioning holds prices of {Instrument} that differ from the instrument's (another model's pair migrated first); reset the universe to make them agree")]
    private static partial void LogDivergedLegacy(ILogger logger, string pair, string instrument);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending to {Pair} failed; deactivating to reload the stored state")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string pair);
}
