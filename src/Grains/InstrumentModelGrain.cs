using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Metrics;
using RiskGrid.Grains.State;
using RiskGrid.Grains.Training;

namespace RiskGrid.Grains;

/// <summary>
/// One instrument×model pair: a Core <see cref="RollingPair"/> whose <see cref="PairState"/> is the
/// grain's persisted state, written after every change, so a reactivated pair (on any silo) continues
/// exactly where it stopped and its results equal the batch engine's bit for bit. Fits and forecasts run on the
/// silo's <see cref="FitScheduler"/>; the fits of models that want an accelerator run on the pair's
/// <see cref="IModelTrainingGrain"/> instead, which is placed on a GPU silo when there is one.
/// </summary>
public sealed partial class InstrumentModelGrain(
    [PersistentState("pair", RiskGridStorage.Name)] IPersistentState<PairGrainState> state,
    FitScheduler fits,
    RiskGridMetrics metrics,
    IOptions<RiskGridMetricsOptions> metricsOptions,
    ILogger<InstrumentModelGrain> logger) : Grain, IInstrumentModelGrain
{
    private string _instrument = "";
    private string _model = "";
    private RollingPair? _pair;
    private BacktestSummary[]? _backtests;
    private bool _stale;
    private bool _metricsDue;

    private string Key => PairKey.Of(_instrument, _model);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_instrument, _model) = PairKey.Parse(this.GetPrimaryKeyString());
        if (state.State.Settings is { } settings)
        {
            _pair = CreatePair(settings, state.State.Pair);
            _metricsDue = true;
        }

        // Metrics: a changed pair republishes on the next tick (see RiskGridMetricsOptions.PairPublishInterval).
        var interval = metricsOptions.Value.PairPublishInterval;
        this.RegisterGrainTimer(PublishMetrics, interval, interval);
        return Task.CompletedTask;
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

            if (state.State.Log.Count > 0)
            {
                throw new RiskGridException(
                    $"pair {Key} already holds {state.State.Log.Count} prices under settings ({current}); " +
                    $"it cannot switch to ({settings}); reset it first");
            }
        }

        var pair = CreatePair(settings, new PairState());
        state.State = new PairGrainState { Settings = settings, Pair = pair.State };
        _pair = pair;
        _backtests = null;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<AppendResult> AppendPricesAsync(DailyPrice[] prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var pair = RequirePair();
        var fresh = CheckBatch(prices);
        if (fresh.Count > 0)
        {
            try
            {
                var fitTime = pair.Model.WantsAccelerator
                    ? await AppendTrainingElsewhereAsync(pair, fresh)
                    : await fits.Run(() => AppendHere(pair, fresh));
                foreach (var bar in fresh)
                {
                    state.State.Log.Add(bar.Date, bar.Close);
                }

                state.State.FitTicks += fitTime.Ticks;
                _backtests = null;
                await state.WriteStateAsync();
                _metricsDue = true;
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

        return new AppendResult(_instrument, _model, prices.Length, fresh.Count, prices.Length - fresh.Count,
            state.State.Log.LastDate, pair.State.Forecasts.Count);
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

    public Task<BacktestReport> GetBacktestAsync(double alpha)
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
                "backtests need recorded forecasts (use GetForecastAsync for any level)");
        }

        return Task.FromResult(Backtests()[level].ToMessage());
    }

    public Task<PairSummary> GetSummaryAsync()
    {
        var pair = RequirePair();
        return Task.FromResult(new PairSummary(_instrument, _model, pair.State.BarsSeen, pair.LastDate,
            pair.State.Forecasts.Count, pair.State.FitFailures, [.. Backtests().Select(b => b.ToMessage())]));
    }

    public Task<PairStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<ForecastPage> GetForecastsAsync(int start, int count)
    {
        var forecasts = RequirePair().State.Forecasts;
        var (from, take) = Page(start, count, forecasts.Count);
        var entries = new ForecastEntry[take];
        for (var i = 0; i < take; i++)
        {
            entries[i] = forecasts[from + i].ToMessage();
        }

        return Task.FromResult(new ForecastPage(from, forecasts.Count, entries));
    }

    public Task<PairUpdates> GetUpdatesAsync(int priceStart, int forecastStart)
    {
        var pair = RequirePair();
        var log = state.State.Log;
        var (pFrom, pTake) = Page(priceStart, int.MaxValue, log.Count);
        var prices = new ClosePrice[pTake];
        for (var i = 0; i < pTake; i++)
        {
            prices[i] = new ClosePrice(DateOnly.FromDayNumber(log.Days[pFrom + i]), log.Closes[pFrom + i]);
        }

        var forecasts = pair.State.Forecasts;
        var (fFrom, fTake) = Page(forecastStart, int.MaxValue, forecasts.Count);
        var entries = new ForecastEntry[fTake];
        for (var i = 0; i < fTake; i++)
        {
            entries[i] = forecasts[fFrom + i].ToMessage();
        }

        return Task.FromResult(new PairUpdates(pFrom, prices, fFrom, entries));
    }

    public async Task ResetAsync()
    {
        ForgetMetrics();
        await state.ClearStateAsync();
        state.State = new PairGrainState();
        _pair = null;
        _backtests = null;
    }

    private Task PublishMetrics()
    {
        if (_metricsDue && _pair is { } pair)
        {
            metrics.PublishPair(_instrument, _model, pair, Backtests());
        }

        _metricsDue = false;
        return Task.CompletedTask;
    }

    private void ForgetMetrics()
    {
        if (_pair is { } pair)
        {
            metrics.ForgetPair(_instrument, _model, pair.Options.Alphas);
        }
    }

    // Cheap models: the whole batch, fits included, in one go on the fit pool.
    private TimeSpan AppendHere(RollingPair pair, List<PriceBar> fresh)
    {
        var time = TimeSpan.Zero;
        foreach (var bar in fresh)
        {
            var step = pair.Append(bar);
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

    private RollingPair CreatePair(RollingSettings settings, PairState pairState)
    {
        try
        {
            var model = ModelCatalog.Create(_model, settings.ToModelSettings());
            return new RollingPair(model, settings.ToOptions(), _instrument, pairState);
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"pair {Key}: {ex.Message}");
        }
    }

    private RollingPair RequirePair()
    {
        ThrowIfStale();
        return _pair ?? throw new RiskGridException(
            $"pair {Key} is not configured: register instrument '{_instrument}' and model '{_model}' in a universe first");
    }

    // Checks the whole batch before anything changes and returns the prices that are new. Re-sent prices
    // must match what the pair holds (close always; open/high/low while still in the window).
    private List<PriceBar> CheckBatch(DailyPrice[] prices)
    {
        var log = state.State.Log;
        var bars = state.State.Pair.Bars;
        var last = log.LastDate;
        var fresh = new List<PriceBar>(prices.Length);
        DateOnly? previous = null;
        foreach (var price in prices)
        {
            var bar = price.ToCore();
            Reject(bar.Date, () => PriceValidation.CheckPrice(_instrument, 0, "close", bar.Close));
            if (previous is { } p)
            {
                Reject(bar.Date, () => PriceValidation.CheckOrder(_instrument, 0, p, bar.Date));
            }

            previous = bar.Date;
            if (last is { } l && bar.Date <= l)
            {
                var index = log.IndexOf(bar.Date);
                if (index < 0)
                {
                    throw new PriceRejectedException(_instrument, bar.Date,
                        $"date not increasing: the pair's history has no price on that day and already runs to {l:yyyy-MM-dd}");
                }

                if (!log.Closes[index].Equals(bar.Close))
                {
                    throw new PriceRejectedException(_instrument, bar.Date,
                        $"conflicting price: close {Format(bar.Close)} differs from the {Format(log.Closes[index])} already recorded");
                }

                var held = bars.BinarySearch(bar, BarDateComparer.Instance);
                if (held >= 0 && !SameBar(bars[held], bar))
                {
                    throw new PriceRejectedException(_instrument, bar.Date,
                        $"conflicting price: open/high/low differ from those already recorded ({Format(bars[held].Open)}/{Format(bars[held].High)}/{Format(bars[held].Low)})");
                }

                continue;
            }

            fresh.Add(bar);
        }

        return fresh;
    }

    private static bool SameBar(PriceBar a, PriceBar b) =>
        a.Open.Equals(b.Open) && a.High.Equals(b.High) && a.Low.Equals(b.Low) && a.Close.Equals(b.Close);

    private void Reject(DateOnly date, Action check)
    {
        try
        {
            check();
        }
        catch (DataValidationException ex)
        {
            throw new PriceRejectedException(_instrument, date, ex.Problem);
        }
    }

    private BacktestSummary[] Backtests() =>
        _backtests ??= Backtester.Summarize(RequirePair().State.Forecasts, RequirePair().Options.Alphas);

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
        return new PairStatus(_instrument, _model, s.Settings, s.Log.Count, s.Log.FirstDate, s.Log.LastDate,
            s.Pair.Forecasts.Count, s.Pair.Forecasts.Count(f => f.IsRealized), s.Pair.FitAttempts, s.Pair.FitFailures,
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending to {Pair} failed; deactivating to reload the stored state")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string pair);
}
