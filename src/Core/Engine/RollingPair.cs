using System.Diagnostics;
using System.Runtime.InteropServices;
using RiskGrid.Core.Data;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>
/// The incremental kernel of a rolling backtest for one instrument×model pair. Each appended bar
/// realises the pending forecast, refits when due, and forecasts the next day. The batch engine
/// (<see cref="RollingEngine"/>) and the grid's grains both drive this class, so a grain fed day by
/// day produces exactly the batch result.
/// </summary>
public sealed class RollingPair
{
    private readonly IRiskModel _model;
    private readonly RollingOptions _options;
    private readonly string _source;
    private readonly int _refitEvery;
    private readonly int _maxBars;

    // Returns of consecutive State.Bars: _returns[i] is from Bars[i] to Bars[i + 1]. Derived, not persisted.
    private readonly List<double> _returns = [];

    // A bar appended by BeginAppend whose forecast CompleteAppend has not made yet.
    private PendingBar? _pending;

    /// <summary>Starts a pair, or resumes one from <paramref name="state"/>.</summary>
    /// <param name="source">Name used in data errors (instrument or file).</param>
    public RollingPair(IRiskModel model, RollingOptions options, string source, PairState? state = null)
    {
        _model = model;
        _options = options.Validated();
        _source = source;
        if (_options.Window < model.MinimumObservations)
        {
            throw new ArgumentException(
                $"model {model.Name} needs a window of at least {model.MinimumObservations} returns, got {_options.Window}");
        }

        model.ValidateLevels(_options.Alphas);
        _refitEvery = model.RefitInterval ?? _options.RefitEvery;
        _maxBars = _options.Window + 1 + model.HistoryPadding;
        State = state ?? new PairState();
        for (var i = 1; i < State.Bars.Count; i++)
        {
            _returns.Add(Returns.Percent(State.Bars[i - 1].Close, State.Bars[i].Close, _options.ReturnKind));
        }
    }

    public PairState State { get; }

    public IRiskModel Model => _model;

    public RollingOptions Options => _options;

    /// <summary>The date of the last bar appended, or null.</summary>
    public DateOnly? LastDate => State.Bars.Count > 0 ? State.Bars[^1].Date : null;

    /// <summary>
    /// Checks a bar against the pair's history without changing anything; throws
    /// <see cref="DataValidationException"/> (row = 1-based position of the bar in the pair's history).
    /// </summary>
    public void Validate(PriceBar bar)
    {
        var row = State.BarsSeen + 1;
        PriceValidation.CheckPrice(_source, row, "Close", bar.Close);
        if (State.Bars.Count > 0)
        {
            PriceValidation.CheckOrder(_source, row, State.Bars[^1].Date, bar.Date);
        }
    }

    /// <summary>Appends the next day's bar. Invalid bars throw before any state changes.</summary>
    public PairStep Append(PriceBar bar)
    {
        if (BeginAppend(bar) is not { } request)
        {
            return CompleteAppend(null, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        var fit = _model.FitSafely(request.Window, request.Previous);
        return CompleteAppend(fit, clock.Elapsed);
    }

    /// <summary>
    /// The first half of <see cref="Append"/>, for callers that estimate elsewhere (the grid trains some
    /// models on other silos): checks and records the bar, realises the pending forecast, and returns the
    /// estimation due on this day, or null when the last fit is reused or the window is still filling.
    /// <see cref="CompleteAppend"/> must follow, with that estimation's result, before anything else uses
    /// the pair. Invalid bars throw before any state changes.
    /// </summary>
    public FitRequest? BeginAppend(PriceBar bar)
    {
        if (_pending is not null)
        {
            throw new InvalidOperationException($"{_source}: the bar of {_pending.Date:yyyy-MM-dd} is waiting for CompleteAppend");
        }

        Validate(bar);
        ForecastRecord? realized = null;
        if (State.Bars.Count > 0)
        {
            var r = Returns.Percent(State.Bars[^1].Close, bar.Close, _options.ReturnKind);
            if (State.Forecasts.Count > 0 && !State.Forecasts[^1].IsRealized)
            {
                // The PIT reads the window and fit the forecast was made from: both are still current here
                // (the new return is not yet in the window, and only CompleteAppend changes the fit).
                var pending = State.Forecasts[^1];
                var pit = pending.HasForecast && State.LastFit is { } fit && _returns.Count >= _options.Window
                    ? _model.Pit(CurrentWindow(), fit, r)
                    : double.NaN;
                realized = pending with { TargetDate = bar.Date, Realized = r, Pit = pit };
                State.Forecasts[^1] = realized;
            }

            _returns.Add(r);
        }

        State.Bars.Add(bar);
        State.BarsSeen++;
        if (State.Bars.Count > _maxBars)
        {
            State.Bars.RemoveAt(0);
            _returns.RemoveAt(0);
        }

        var window = _returns.Count < _options.Window ? null : CurrentWindow();
        var request = window is not null && (State.LastFit is null || State.ForecastsSinceFit >= _refitEvery)
            ? new FitRequest(window, State.LastFit)
            : null;
        _pending = new PendingBar(bar.Date, realized, window, request);
        return request;
    }

    /// <summary>
    /// The second half of <see cref="Append"/>: records <paramref name="fit"/>, the result of the
    /// estimation <see cref="BeginAppend"/> asked for (null when it asked for none), and forecasts the next day.
    /// </summary>
    /// <param name="fitDuration">Wall time of that estimation.</param>
    public PairStep CompleteAppend(ModelFit? fit, TimeSpan fitDuration)
    {
        var pending = _pending ?? throw new InvalidOperationException($"{_source}: CompleteAppend without BeginAppend");
        if ((pending.Request is null) != (fit is null))
        {
            throw new ArgumentException(pending.Request is null
                ? $"{_source}: no estimation was due on {pending.Date:yyyy-MM-dd}, but a fit was given"
                : $"{_source}: an estimation was due on {pending.Date:yyyy-MM-dd}, but no fit was given", nameof(fit));
        }

        _pending = null;
        if (pending.Window is not { } window)
        {
            return new PairStep(pending.Realized, null, null, TimeSpan.Zero);
        }

        var refitted = false;
        if (fit is not null)
        {
            State.FitAttempts++;
            if (fit.IsUsable)
            {
                State.LastFit = fit;
                State.ForecastsSinceFit = 0;
                refitted = true;
            }
            else
            {
                State.FitFailures++;
            }
        }
        else
        {
            fitDuration = TimeSpan.Zero;
        }

        var status = fit?.Status ?? State.LastFit!.Status;
        var record = State.LastFit is { } last
            ? MakeRecord(pending.Date, window, last, _model.Forecast(window, last, _options.Alphas), status, refitted)
            : MissingRecord(pending.Date, status);
        if (State.LastFit is not null)
        {
            State.ForecastsSinceFit++;
        }

        State.Forecasts.Add(record);
        return new PairStep(pending.Realized, record, fit, fitDuration);
    }

    /// <summary>Forecast at any levels from the current window and last fit, without recording it.</summary>
    public RiskForecast[]? ForecastNow(IReadOnlyList<double> alphas)
    {
        if (State.LastFit is null || _returns.Count < _options.Window)
        {
            return null;
        }

        return _model.Forecast(CurrentWindow(), State.LastFit, alphas);
    }

    private ModelWindow CurrentWindow()
    {
        var returns = CollectionsMarshal.AsSpan(_returns)[^_options.Window..].ToArray();
        if (_model.HistoryPadding == 0)
        {
            return new ModelWindow(returns);
        }

        return new ModelWindow(returns, State.Bars.ToArray());
    }

    private ForecastRecord MakeRecord(DateOnly date, ModelWindow window, ModelFit fit, RiskForecast[] forecasts, FitStatus status, bool refitted)
    {
        var var = new double[forecasts.Length];
        var es = new double[forecasts.Length];
        for (var i = 0; i < forecasts.Length; i++)
        {
            var[i] = forecasts[i].VaR;
            es[i] = forecasts[i].ES;
        }

        var first = forecasts.Length > 0 ? forecasts[0] : default;
        return new ForecastRecord(date, var, es, first.Mean, first.Volatility, status, refitted)
        {
            Law = forecasts.Length > 0 && !double.IsNaN(first.VaR) ? _model.Law(window, fit, first) : null,
        };
    }

    private ForecastRecord MissingRecord(DateOnly date, FitStatus status)
    {
        var nan = Enumerable.Repeat(double.NaN, _options.Alphas.Count).ToArray();
        return new ForecastRecord(date, nan, [.. nan], double.NaN, double.NaN, status, false);
    }

    private sealed record PendingBar(DateOnly Date, ForecastRecord? Realized, ModelWindow? Window, FitRequest? Request);
}
