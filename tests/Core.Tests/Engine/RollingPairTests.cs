using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Engine;

public sealed class RollingPairTests
{
    private static readonly RollingOptions Options = new() { Window = 100, Alphas = [0.95, 0.99] };

    [Fact]
    public void Each_forecast_is_realised_by_the_next_days_return()
    {
        var returns = Series.NoisyReturns(300, 1);
        var series = Series.FromReturns("X", returns);
        var run = RollingEngine.RunPair(series, new HistoricalSimulation(), Options);

        // 301 prices → 300 returns; the first forecast needs 100 returns (after price 101).
        Assert.Equal(301 - 100, run.Forecasts.Count);
        Assert.False(run.Forecasts[^1].IsRealized);
        for (var i = 0; i < run.Forecasts.Count - 1; i++)
        {
            var f = run.Forecasts[i];
            Assert.Equal(series.Bars[100 + i].Date, f.OriginDate);
            Assert.Equal(series.Bars[101 + i].Date, f.TargetDate);
            Assert.Equal(Returns.Percent(series.Bars[100 + i].Close, series.Bars[101 + i].Close, ReturnKind.Simple), f.Realized, 15);
        }
    }

    [Fact]
    public void Forecast_uses_only_the_trailing_window()
    {
        var returns = Series.NoisyReturns(250, 2);
        var series = Series.FromReturns("X", returns);
        var run = RollingEngine.RunPair(series, new HistoricalSimulation(), Options);

        // The forecast made after return k (0-based) uses returns k-99..k, recomputed from prices.
        var prices = series.Closes();
        var all = Returns.Percent(prices);
        const int k = 180;
        var direct = new HistoricalSimulation().Forecast(ModelWindow.OfReturns(all[(k - 99)..(k + 1)]), ModelFit.Empty, Options.Alphas);
        var recorded = run.Forecasts.Single(f => f.OriginDate == series.Bars[k + 1].Date);
        Assert.Equal(direct[0].VaR, recorded.VaR[0]);
        Assert.Equal(direct[1].ES, recorded.ES[1]);
    }

    [Fact]
    public void A_pair_resumed_from_its_state_continues_exactly()
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(400, 3));
        var whole = RollingEngine.RunPair(series, new HistoricalSimulation(), Options);

        var first = new RollingPair(new HistoricalSimulation(), Options, "X");
        foreach (var bar in series.Bars.Take(217))
        {
            first.Append(bar);
        }

        var copy = new PairState
        {
            Bars = [.. first.State.Bars],
            BarsSeen = first.State.BarsSeen,
            LastFit = first.State.LastFit,
            ForecastsSinceFit = first.State.ForecastsSinceFit,
            FitAttempts = first.State.FitAttempts,
            FitFailures = first.State.FitFailures,
            Forecasts = [.. first.State.Forecasts],
        };
        var resumed = new RollingPair(new HistoricalSimulation(), Options, "X", copy);
        foreach (var bar in series.Bars.Skip(217))
        {
            resumed.Append(bar);
        }

        Assert.Equal(whole.Forecasts.Count, resumed.State.Forecasts.Count);
        for (var i = 0; i < whole.Forecasts.Count; i++)
        {
            Assert.Equal(whole.Forecasts[i].VaR, resumed.State.Forecasts[i].VaR);
            Assert.Equal(whole.Forecasts[i].ES, resumed.State.Forecasts[i].ES);
            Assert.Equal(whole.Forecasts[i].Realized, resumed.State.Forecasts[i].Realized);
        }
    }

    [Theory]
    [InlineData(double.NaN, 0, "Close is NaN or empty")]
    [InlineData(-1.0, 0, "Close must be positive")]
    [InlineData(0.0, 0, "Close must be positive")]
    [InlineData(50.0, -1, "duplicate date")]
    [InlineData(50.0, -2, "dates not increasing")]
    [InlineData(50.0, -10, "dates not increasing")]
    public void A_bad_bar_is_rejected_and_leaves_the_state_unchanged(double close, int dayOffset, string problem)
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(150, 4));
        var pair = new RollingPair(new HistoricalSimulation(), Options, "X");
        foreach (var bar in series.Bars)
        {
            pair.Append(bar);
        }

        var before = (pair.State.Bars.Count, pair.State.BarsSeen, pair.State.Forecasts.Count, pair.State.Forecasts[^1]);
        // dayOffset 0: a valid next date; −1: the last date again; below: an earlier date.
        var date = series.Bars[^1].Date.AddDays(dayOffset + 1);
        var bad = PriceBar.FromClose(date, close);

        var ex = Assert.Throws<DataValidationException>(() => pair.Append(bad));
        Assert.Contains(problem, ex.Problem);
        Assert.Equal(series.Count + 1, ex.Row);
        Assert.Equal(before, (pair.State.Bars.Count, pair.State.BarsSeen, pair.State.Forecasts.Count, pair.State.Forecasts[^1]));
    }

    [Fact]
    public void Duplicate_date_is_named()
    {
        var pair = new RollingPair(new HistoricalSimulation(), Options, "file.csv");
        var d = new DateOnly(2021, 3, 4);
        pair.Append(PriceBar.FromClose(d, 10));
        var ex = Assert.Throws<DataValidationException>(() => pair.Append(PriceBar.FromClose(d, 11)));
        Assert.Equal("file.csv, row 2: duplicate date 2021-03-04", ex.Message);
    }

    [Fact]
    public void An_append_whose_fit_is_estimated_elsewhere_equals_append()
    {
        // GARCH refitted every 7 days: warm starts, so every fit depends on the one before it.
        var options = Options with { Window = 250, RefitEvery = 7 };
        var series = Series.FromReturns("X", Series.NoisyReturns(330, 5));
        var whole = RollingEngine.RunPair(series, ModelCatalog.Create("garch-n"), options);

        var pair = new RollingPair(ModelCatalog.Create("garch-n"), options, "X");
        var elsewhere = ModelCatalog.Create("garch-n"); // another instance, as on another silo
        var fits = 0;
        foreach (var bar in series.Bars)
        {
            var step = pair.BeginAppend(bar) is { } request
                ? pair.CompleteAppend(elsewhere.FitSafely(request.Window, request.Previous), TimeSpan.FromSeconds(++fits))
                : pair.CompleteAppend(null, TimeSpan.FromSeconds(1));
            Assert.Equal(step.Fit is null ? TimeSpan.Zero : TimeSpan.FromSeconds(fits), step.FitDuration);
        }

        Assert.Equal(whole.Forecasts.Count(f => f.Refitted), fits);
        Assert.Equal(whole.Forecasts.Count, pair.State.Forecasts.Count);
        for (var i = 0; i < whole.Forecasts.Count; i++)
        {
            Assert.Equal(whole.Forecasts[i], pair.State.Forecasts[i] with { VaR = whole.Forecasts[i].VaR, ES = whole.Forecasts[i].ES });
            Assert.Equal(whole.Forecasts[i].VaR, pair.State.Forecasts[i].VaR);
            Assert.Equal(whole.Forecasts[i].ES, pair.State.Forecasts[i].ES);
        }
    }

    [Fact]
    public void A_two_phase_append_out_of_order_is_refused()
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(120, 6));
        var pair = new RollingPair(new HistoricalSimulation(), Options with { RefitEvery = 5 }, "X");
        Assert.Throws<InvalidOperationException>(() => pair.CompleteAppend(null, TimeSpan.Zero));
        foreach (var bar in series.Bars.Take(100))
        {
            Assert.Null(pair.BeginAppend(bar)); // the window is filling
            pair.CompleteAppend(null, TimeSpan.Zero);
        }

        var request = pair.BeginAppend(series.Bars[100]);
        Assert.NotNull(request);
        Assert.Null(request.Previous);
        Assert.Equal(Options.Window, request.Window.Count);
        var ex = Assert.Throws<InvalidOperationException>(() => pair.BeginAppend(series.Bars[101]));
        Assert.Contains("waiting for CompleteAppend", ex.Message);
        Assert.Throws<ArgumentException>(() => pair.CompleteAppend(null, TimeSpan.Zero));
        Assert.True(pair.CompleteAppend(ModelFit.Empty, TimeSpan.Zero).Forecast!.Refitted);

        Assert.Null(pair.BeginAppend(series.Bars[101])); // the fit is reused for 5 days
        Assert.Throws<ArgumentException>(() => pair.CompleteAppend(ModelFit.Empty, TimeSpan.Zero));
        Assert.False(pair.CompleteAppend(null, TimeSpan.Zero).Forecast!.Refitted);
        Assert.Equal(2, pair.State.Forecasts.Count);
    }
}
