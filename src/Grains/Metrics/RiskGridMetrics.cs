using System.Globalization;
using Prometheus;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Features;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.Metrics;

/// <summary>
/// Every metric a RiskGrid silo exports on <c>/metrics</c> (prometheus-net), in one place. Labels are
/// kept to instrument, model, level (the confidence level, e.g. <c>0.99</c>), a fixed feature or
/// rejection-reason name, and the grain interface and method; never dates or free text.
/// </summary>
/// <remarks>
/// Writers: <c>InstrumentModelGrain</c> publishes its pair's forecasts and backtests and each fit
/// (wherever it ran); <c>ModelTrainingGrain</c> counts the fits it ran on its silo;
/// <see cref="GridCallMetricsFilter"/> times client calls, counts refused prices and feeds the price
/// features. Process CPU and memory come from prometheus-net's default collectors, grain activations
/// from Orleans's own meters (exported through prometheus-net's meter adapter as <c>orleans_*</c>).
/// </remarks>
public sealed class RiskGridMetrics
{
    /// <summary>Values of the traffic-light zone gauge.</summary>
    public const double Green = 0, Yellow = 1, Red = 2;

    private static readonly string[] PairLevel = ["instrument", "model", "level"];
    private static readonly string[] Pair = ["instrument", "model"];
    private static readonly string[] PairLevelTest = ["instrument", "model", "level", "test"];
    private static readonly string[] PortfolioLevel = ["portfolio", "route", "level"];
    private static readonly string[] PairLevelTestMethod = ["instrument", "model", "level", "test", "method"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, InstrumentFeed> _feeds = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FitSeries> _fitSeries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public RiskGridMetrics(CollectorRegistry? registry = null, TimeProvider? time = null)
    {
        Registry = registry ?? Prometheus.Metrics.DefaultRegistry;
        _time = time ?? TimeProvider.System;
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);

        VaR = f.CreateGauge("riskgrid_pair_var_percent", "Latest one-day VaR forecast (positive loss, % of position value).", PairLevel);
        ES = f.CreateGauge("riskgrid_pair_es_percent", "Latest one-day ES forecast (positive loss, % of position value).", PairLevel);
        Observations = f.CreateGauge("riskgrid_pair_observations", "Realised forecasts backtested.", PairLevel);
        MissingForecasts = f.CreateGauge("riskgrid_pair_missing_forecasts", "Realised days without a forecast (no usable fit).", PairLevel);
        Exceptions = f.CreateGauge("riskgrid_pair_exceptions", "Exceptions (loss > VaR) over the pair's whole history.", PairLevel);
        ExceptionRate = f.CreateGauge("riskgrid_pair_exception_rate", "Exceptions / observations.", PairLevel);
        ViolationRatio = f.CreateGauge("riskgrid_pair_violation_ratio", "Observed over expected exceptions: rate / (1 - level).", PairLevel);
        TestPValue = f.CreateGauge("riskgrid_pair_test_pvalue",
            "p-value of every catalogued backtest (test: catalogue name, e.g. kupiec; method: chi2, mc, exact, ...); NaN where undefined.", PairLevelTestMethod);
        TestStatistic = f.CreateGauge("riskgrid_pair_test_statistic", "Statistic of every catalogued backtest; NaN where undefined.", PairLevelTest);
        TrafficLightZone = f.CreateGauge("riskgrid_pair_traffic_light_zone", "Basel traffic light over the last 250 days: 0 green, 1 yellow, 2 red.", PairLevel);
        TrafficLightExceptions = f.CreateGauge("riskgrid_pair_traffic_light_exceptions", "Exceptions in the traffic light's window (last 250 days).", PairLevel);
        VolatilityForecast = f.CreateGauge("riskgrid_pair_volatility_forecast_percent", "Latest one-day volatility forecast (%), where the model gives one.", Pair);
        Forecasts = f.CreateGauge("riskgrid_pair_forecasts", "Forecasts the pair has made.", Pair);

        PortfolioVaR = f.CreateGauge("riskgrid_portfolio_var_percent",
            "Latest one-day portfolio VaR per route (hs, fhs, varcov) and level (positive loss, % of portfolio value).", PortfolioLevel);
        PortfolioES = f.CreateGauge("riskgrid_portfolio_es_percent", "Latest one-day portfolio ES per route and level (positive loss, %).", PortfolioLevel);
        PortfolioExceptions = f.CreateGauge("riskgrid_portfolio_exceptions", "Exceptions of the portfolio route over its whole history.", PortfolioLevel);
        PortfolioTrafficLightZone = f.CreateGauge("riskgrid_portfolio_traffic_light_zone",
            "Basel traffic light of the portfolio route over its last 250 days: 0 green, 1 yellow, 2 red.", PortfolioLevel);
        PortfolioTrafficLightExceptions = f.CreateGauge("riskgrid_portfolio_traffic_light_exceptions",
            "Exceptions of the portfolio route in the traffic light's window (last 250 days).", PortfolioLevel);

        FitDuration = f.CreateHistogram("riskgrid_model_fit_duration_seconds", "Wall time of one model estimation.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.0001, 4, 10) });
        Fits = f.CreateCounter("riskgrid_model_fits_total", "Model estimations attempted.", "model");
        FitFailures = f.CreateCounter("riskgrid_model_fit_failures_total", "Model estimations that gave no usable fit (the previous fit was reused).", "model");
        Trainings = f.CreateCounter("riskgrid_model_trainings_total",
            "Estimations this silo ran for pairs on their behalf (models that want an accelerator, placed on GPU silos when any); gpu: whether this silo declared a GPU.",
            "model", "gpu");

        RowsRejected = f.CreateCounter("riskgrid_rows_rejected_total", "Price rows refused (the batch holding them was not applied).", "instrument", "reason");
        PricesReceived = f.CreateCounter("riskgrid_prices_received_total", "New daily prices accepted.", "instrument");
        PriceGaps = f.CreateCounter("riskgrid_price_gaps_total", "Consecutive prices more than 4 calendar days apart (missing trading days beyond a long weekend).", "instrument");
        LastPriceDate = f.CreateGauge("riskgrid_instrument_last_price_timestamp_seconds", "Trading date of the latest price (Unix time of that day's 00:00 UTC).", "instrument");
        LastUpdate = f.CreateGauge("riskgrid_instrument_last_update_timestamp_seconds", "When this silo last accepted a new price for the instrument (Unix time).", "instrument");
        Staleness = f.CreateGauge("riskgrid_instrument_staleness_seconds", "Seconds since this silo last accepted a new price for the instrument.", "instrument");
        Feature = f.CreateGauge("riskgrid_instrument_feature", "Latest market features of the instrument (Core FeatureStream; NaN while warming up).", "instrument", "feature");
        ReturnDistribution = f.CreateHistogram("riskgrid_instrument_return_percent", "Daily simple returns (%) of new prices.",
            new HistogramConfiguration { LabelNames = ["instrument"], Buckets = [-10, -5, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 5, 10] });

        ApiDuration = f.CreateHistogram("riskgrid_api_request_duration_seconds", "Duration of client calls to RiskGrid grains.",
            new HistogramConfiguration { LabelNames = ["interface", "method"], Buckets = Histogram.ExponentialBuckets(0.0005, 4, 10) });
        ApiErrors = f.CreateCounter("riskgrid_api_request_errors_total", "Client calls to RiskGrid grains that failed.", "interface", "method", "error");

        Registry.AddBeforeCollectCallback(UpdateStaleness);
    }

    public CollectorRegistry Registry { get; }

    public Gauge VaR { get; }

    public Gauge ES { get; }

    public Gauge Observations { get; }

    public Gauge MissingForecasts { get; }

    public Gauge Exceptions { get; }

    public Gauge ExceptionRate { get; }

    public Gauge ViolationRatio { get; }

    public Gauge TestPValue { get; }

    public Gauge TestStatistic { get; }

    public Gauge TrafficLightZone { get; }

    public Gauge TrafficLightExceptions { get; }

    public Gauge VolatilityForecast { get; }

    public Gauge Forecasts { get; }

    public Gauge PortfolioVaR { get; }

    public Gauge PortfolioES { get; }

    public Gauge PortfolioExceptions { get; }

    public Gauge PortfolioTrafficLightZone { get; }

    public Gauge PortfolioTrafficLightExceptions { get; }

    public Histogram FitDuration { get; }

    public Counter Fits { get; }

    public Counter FitFailures { get; }

    public Counter Trainings { get; }

    public Counter RowsRejected { get; }

    public Counter PricesReceived { get; }

    public Counter PriceGaps { get; }

    public Gauge LastPriceDate { get; }

    public Gauge LastUpdate { get; }

    public Gauge Staleness { get; }

    public Gauge Feature { get; }

    public Histogram ReturnDistribution { get; }

    public Histogram ApiDuration { get; }

    public Counter ApiErrors { get; }

    /// <summary>Counts one estimation of <paramref name="model"/> (a step without one is ignored).</summary>
    public void ObserveFit(string model, PairStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Fit is not { } fit)
        {
            return;
        }

        // (A static factory with this as its argument: a capturing lambda here was one delegate per fit.)
        var series = _fitSeries.GetOrAdd(model, static (m, self) => new FitSeries(self.Fits.WithLabels(m), self.FitDuration.WithLabels(m),
            self.FitFailures.WithLabels(m)), this); // failures published at 0 from the first fit on
        series.Fits.Inc();
        series.Duration.Observe(step.FitDuration.TotalSeconds);
        if (!fit.IsUsable)
        {
            series.Failures.Inc();
        }
    }

    // A model's fit series, looked up once: a pair observes every day's fit, and a label lookup per observation was a
    // noticeable share of an embedded grid's time. (These series are never removed.)
    private sealed record FitSeries(Counter.Child Fits, Histogram.Child Duration, Counter.Child Failures);

    /// <summary>Counts one estimation a training grain ran on this silo, which did or did not declare a GPU.</summary>
    public void ObserveTraining(string model, bool gpu) => Trainings.WithLabels(model, gpu ? "true" : "false").Inc();

    /// <summary>Publishes a pair's latest forecast, its forecast count and its incremental backtest figures (one per
    /// level, as <paramref name="pair"/>'s options order them).</summary>
    public void PublishPair(string instrument, string model, RollingPair pair, int forecastCount, IReadOnlyList<BacktestFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(figures);
        var forecasts = pair.State.Forecasts;
        var latest = forecasts.Count > 0 ? forecasts[^1] : null;
        Forecasts.WithLabels(instrument, model).Set(forecastCount);
        if (latest is not null)
        {
            VolatilityForecast.WithLabels(instrument, model).Set(latest.Volatility);
        }

        var alphas = pair.Options.Alphas;
        for (var k = 0; k < alphas.Count && k < figures.Count; k++)
        {
            string[] labels = [instrument, model, LevelLabel.Of(alphas[k])];
            var b = figures[k];
            if (latest is not null)
            {
                VaR.WithLabels(labels).Set(latest.VaR[k]);
                ES.WithLabels(labels).Set(latest.ES[k]);
            }

            Observations.WithLabels(labels).Set(b.Observations);
            MissingForecasts.WithLabels(labels).Set(b.MissingForecasts);
            Exceptions.WithLabels(labels).Set(b.Exceptions);
            ExceptionRate.WithLabels(labels).Set(b.ExceptionRate);
            ViolationRatio.WithLabels(labels).Set(b.ViolationRatio);
            TrafficLightZone.WithLabels(labels).Set(ZoneValue(b.TrafficLight.Zone));
            TrafficLightExceptions.WithLabels(labels).Set(b.TrafficLight.Exceptions);
        }
    }

    /// <summary>Publishes a pair's whole-sample test statistics and p-values, one summary per level of <paramref name="alphas"/>.</summary>
    public void PublishPairTests(string instrument, string model, IReadOnlyList<double> alphas, IReadOnlyList<BacktestSummary> backtests)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(backtests);
        for (var k = 0; k < alphas.Count && k < backtests.Count; k++)
        {
            string[] labels = [instrument, model, LevelLabel.Of(alphas[k])];
            foreach (var test in backtests[k].Tests)
            {
                TestStatistic.WithLabels([.. labels, test.Test]).Set(test.Statistic);
                foreach (var p in test.PValues)
                {
                    TestPValue.WithLabels([.. labels, test.Test, p.Method]).Set(p.Value);
                }
            }
        }
    }

    /// <summary>Publishes one portfolio route's latest VaR and ES (when it has a forecast) and its backtests, one per level.</summary>
    public void PublishPortfolio(string portfolio, string route, IReadOnlyList<double> alphas, ForecastRecord? latest, IReadOnlyList<BacktestSummary> backtests)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(backtests);
        for (var k = 0; k < alphas.Count && k < backtests.Count; k++)
        {
            string[] labels = [portfolio, route, LevelLabel.Of(alphas[k])];
            if (latest is { HasForecast: true })
            {
                PortfolioVaR.WithLabels(labels).Set(latest.VaR[k]);
                PortfolioES.WithLabels(labels).Set(latest.ES[k]);
            }

            PortfolioExceptions.WithLabels(labels).Set(backtests[k].Exceptions);
            PortfolioTrafficLightZone.WithLabels(labels).Set(ZoneValue(backtests[k].TrafficLight.Zone));
            PortfolioTrafficLightExceptions.WithLabels(labels).Set(backtests[k].TrafficLight.Exceptions);
        }
    }

    private static double ZoneValue(Core.Backtesting.TrafficLightZone zone) => zone switch
    {
        Core.Backtesting.TrafficLightZone.Green => Green,
        Core.Backtesting.TrafficLightZone.Yellow => Yellow,
        _ => Red,
    };

    /// <summary>Removes a pair's series (its grain left this silo).</summary>
    public void ForgetPair(string instrument, string model, IReadOnlyList<double> alphas, IReadOnlyList<BacktestSummary>? publishedTests = null)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        Forecasts.RemoveLabelled(instrument, model);
        VolatilityForecast.RemoveLabelled(instrument, model);
        for (var k = 0; k < alphas.Count; k++)
        {
            string[] labels = [instrument, model, LevelLabel.Of(alphas[k])];
            foreach (var gauge in (Gauge[])[VaR, ES, Observations, MissingForecasts, Exceptions, ExceptionRate, ViolationRatio,
                         TrafficLightZone, TrafficLightExceptions])
            {
                gauge.RemoveLabelled(labels);
            }

            // The series the last PublishPairTests created, named directly: scanning every series of the gauges
            // would make deactivating all pairs of a silo quadratic in its pairs.
            if (publishedTests is null || k >= publishedTests.Count)
            {
                continue;
            }

            foreach (var test in publishedTests[k].Tests)
            {
                TestStatistic.RemoveLabelled([.. labels, test.Test]);
                foreach (var p in test.PValues)
                {
                    TestPValue.RemoveLabelled([.. labels, test.Test, p.Method]);
                }
            }
        }
    }

    /// <summary>Counts a refused price row of <paramref name="instrument"/>.</summary>
    public void Rejected(string instrument, string problem) =>
        RowsRejected.WithLabels(instrument, RejectionReasons.Of(problem)).Inc();

    /// <summary>
    /// Feeds accepted prices (oldest first) to the instrument's data-quality series: last date, arrival
    /// time, gaps, the return distribution and the market features. Prices not after the last one this
    /// silo saw are ignored, so a re-sent batch changes nothing.
    /// </summary>
    public void ObservePrices(string instrument, IEnumerable<PriceBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        lock (_lock)
        {
            if (!_feeds.TryGetValue(instrument, out var feed))
            {
                feed = new InstrumentFeed(this, instrument);
                _feeds[instrument] = feed;
                // Published at 0 from the first price on, so that increase() sees the first gap or refused row.
                foreach (var reason in RejectionReasons.All)
                {
                    _ = RowsRejected.WithLabels(instrument, reason);
                }
            }

            var received = 0;
            double[]? row = null;
            foreach (var bar in bars)
            {
                if (feed.LastDate is { } last && bar.Date <= last)
                {
                    continue;
                }

                if (feed.LastDate is { } previous && bar.Date.DayNumber - previous.DayNumber > 4)
                {
                    feed.Gaps.Inc();
                }

                row = feed.Stream.Next(bar);
                if (!double.IsNaN(row[MarketFeatures.SimpleReturn]))
                {
                    feed.Returns.Observe(row[MarketFeatures.SimpleReturn]);
                }

                feed.LastDate = bar.Date;
                received++;
            }

            if (received == 0 || row is null)
            {
                return;
            }

            feed.LastUpdate = _time.GetUtcNow();
            feed.Received.Inc(received);
            feed.LastPriceDate.Set(new DateTimeOffset(feed.LastDate!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
            feed.LastUpdateTime.Set(feed.LastUpdate.ToUnixTimeMilliseconds() / 1000.0);
            feed.Staleness.Set(0);
            for (var i = 0; i < MarketFeatures.Count; i++)
            {
                feed.Features[i].Set(row[i]);
            }
        }
    }

    private void UpdateStaleness()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (instrument, feed) in _feeds)
            {
                if (feed.LastDate is not null)
                {
                    feed.Staleness.Set((now - feed.LastUpdate).TotalSeconds);
                }
            }
        }
    }

    // An instrument's feature stream and its series, each looked up once, when first set (every accepted price updates
    // them; these series are never removed).
    private sealed class InstrumentFeed(RiskGridMetrics metrics, string instrument)
    {
        private Histogram.Child? _returns;
        private Counter.Child? _received;
        private Gauge.Child? _lastPriceDate;
        private Gauge.Child? _lastUpdateTime;
        private Gauge.Child? _staleness;
        private Gauge.Child[]? _features;

        public FeatureStream Stream { get; } = new();

        public Counter.Child Gaps { get; } = metrics.PriceGaps.WithLabels(instrument);

        public Histogram.Child Returns => _returns ??= metrics.ReturnDistribution.WithLabels(instrument);

        public Counter.Child Received => _received ??= metrics.PricesReceived.WithLabels(instrument);

        public Gauge.Child LastPriceDate => _lastPriceDate ??= metrics.LastPriceDate.WithLabels(instrument);

        public Gauge.Child LastUpdateTime => _lastUpdateTime ??= metrics.LastUpdate.WithLabels(instrument);

        public Gauge.Child Staleness => _staleness ??= metrics.Staleness.WithLabels(instrument);

        public Gauge.Child[] Features => _features ??= [.. MarketFeatures.Names.Select(name => metrics.Feature.WithLabels(instrument, name))];

        public DateOnly? LastDate { get; set; }

        public DateTimeOffset LastUpdate { get; set; }
    }
}
