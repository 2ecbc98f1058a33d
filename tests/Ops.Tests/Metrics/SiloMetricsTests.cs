using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Metrics;

[Collection(MeteredSiloCollection.Name)]
public sealed class SiloMetricsTests(MeteredSiloFixture fixture)
{
    [Fact]
    public void Portfolio_gauges_equal_the_portfolios_routes_latest_forecast_and_backtests()
    {
        var samples = MetricsText.Parse(fixture.MetricsText);
        var routes = fixture.Portfolio.Methods;
        Assert.Equal(RiskGrid.Core.Portfolio.PortfolioMethods.All.Select(RiskGrid.Core.Portfolio.PortfolioMethods.Name), routes.Select(m => m.Method));
        foreach (var route in routes)
        {
            Assert.NotEmpty(route.Latest); // the window has filled: every route forecasts
            foreach (var latest in route.Latest)
            {
                var level = latest.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture);
                double Value(string name) => samples.Single(s => s.Name == name && s["route"] == route.Method && s["level"] == level).Value;
                Assert.Equal(latest.VaR, Value("riskgrid_portfolio_var_percent"), 12);
                Assert.Equal(latest.ES, Value("riskgrid_portfolio_es_percent"), 12);
                var backtest = route.Backtests.Single(b => b.Alpha == latest.Alpha);
                Assert.Equal(backtest.Exceptions, Value("riskgrid_portfolio_exceptions"));
                Assert.InRange(Value("riskgrid_portfolio_traffic_light_zone"), 0, 2);
            }
        }

        Assert.All(samples.Where(s => s.Name == "riskgrid_portfolio_var_percent"), s => Assert.Contains("book", s["portfolio"]));
    }

    [Fact]
    public void Pair_gauges_equal_the_core_engines_forecasts_and_backtests()
    {
        var samples = MetricsText.Parse(fixture.MetricsText);
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = MeteredSiloFixture.Instruments, Days = 300 });
        var options = new RollingOptions { Window = 100, Alphas = MeteredSiloFixture.Levels };
        foreach (var series in universe)
        {
            foreach (var model in MeteredSiloFixture.Models)
            {
                var run = RollingEngine.RunPair(series, ModelCatalog.Create(model), options);
                var backtests = Backtester.Summarize(run.Forecasts, options.Alphas);
                for (var k = 0; k < options.Alphas.Count; k++)
                {
                    var level = options.Alphas[k].ToString(System.Globalization.CultureInfo.InvariantCulture);
                    double Value(string name) => samples.Single(s => s.Name == name && s["instrument"] == series.Instrument
                                                                         && s["model"] == model && s["level"] == level).Value;
                    Assert.Equal(run.Forecasts[^1].VaR[k], Value("riskgrid_pair_var_percent"), 12);
                    Assert.Equal(run.Forecasts[^1].ES[k], Value("riskgrid_pair_es_percent"), 12);
                    Assert.Equal(backtests[k].Exceptions, Value("riskgrid_pair_exceptions"));
                    Assert.Equal(backtests[k].Observations, Value("riskgrid_pair_observations"));
                    Assert.Equal(backtests[k].ViolationRatio, Value("riskgrid_pair_violation_ratio"), 12);
                    foreach (var test in backtests[k].Tests)
                    {
                        foreach (var p in test.PValues)
                        {
                            Assert.Equal(p.Value, samples.Single(s => s.Name == "riskgrid_pair_test_pvalue" && s["instrument"] == series.Instrument
                                && s["model"] == model && s["level"] == level && s["test"] == test.Test && s["method"] == p.Method).Value, 12);
                        }
                    }

                    Assert.Equal((double)backtests[k].TrafficLight.Zone, Value("riskgrid_pair_traffic_light_zone"));
                }

                Assert.Equal(run.Forecasts[^1].Volatility, samples.Single(s => s.Name == "riskgrid_pair_volatility_forecast_percent"
                    && s["instrument"] == series.Instrument && s["model"] == model).Value, 12);
            }
        }
    }

    [Fact]
    public void Fits_data_quality_api_and_process_metrics_have_values()
    {
        var samples = MetricsText.Parse(fixture.MetricsText);
        double Sum(string name, Func<Sample, bool>? where = null) => samples.Where(s => s.Name == name && (where?.Invoke(s) ?? true)).Sum(s => s.Value);

        // 300 prices, window 100: 200 daily refits per pair, three instruments per model.
        foreach (var model in MeteredSiloFixture.Models)
        {
            Assert.Equal(3 * 200, Sum("riskgrid_model_fits_total", s => s["model"] == model));
            Assert.Equal(3 * 200, Sum("riskgrid_model_fit_duration_seconds_count", s => s["model"] == model));
            Assert.Equal(0, Sum("riskgrid_model_fit_failures_total", s => s["model"] == model));
        }

        Assert.Equal(1, Sum("riskgrid_rows_rejected_total", s => s["instrument"] == "SYN01" && s["reason"] == "non_positive_price"));
        Assert.Equal(3 * 300, Sum("riskgrid_prices_received_total"));
        Assert.Equal(3 * 299, Sum("riskgrid_instrument_return_percent_count"));
        Assert.Equal(3 * 10, samples.Count(s => s.Name == "riskgrid_instrument_feature"));
        Assert.All(samples.Where(s => s.Name == "riskgrid_instrument_feature" && s["feature"] == "rv22"), s => Assert.InRange(s.Value, 0.1, 20));
        var lastDate = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 1, Days = 300 })[0].Bars[^1].Date;
        Assert.Equal(new DateTimeOffset(lastDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(),
            samples.First(s => s.Name == "riskgrid_instrument_last_price_timestamp_seconds" && s["instrument"] == "SYN01").Value);
        Assert.All(samples.Where(s => s.Name == "riskgrid_instrument_staleness_seconds"), s => Assert.InRange(s.Value, 0, 600));

        Assert.True(Sum("riskgrid_api_request_duration_seconds_count", s => s["interface"] == "IUniverseGrain" && s["method"] == "PushPricesAsync") >= 2);
        Assert.Equal(1, Sum("riskgrid_api_request_errors_total", s => s["method"] == "PushPricesAsync" && s["error"] == "PriceRejectedException"));
        // The universe's fan-out to pairs is grain-to-grain, not a client request.
        Assert.Equal(0, Sum("riskgrid_api_request_duration_seconds_count", s => s["interface"] == "IInstrumentModelGrain"));

        Assert.True(Sum("process_cpu_seconds_total") > 0);
        Assert.True(Sum("process_working_set_bytes") > 0);
        Assert.Equal(9, Sum("microsoft_orleans_orleans_catalog_activations", s => s["grain_type"].Contains("instrumentmodel", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Endpoints_listen_on_loopback_and_the_orleans_dashboard_is_served()
    {
        Assert.Contains($"metrics http://127.0.0.1:{fixture.Silo.MetricsPort}/metrics", fixture.Silo.ReadyLine);
        Assert.Contains($"dashboard http://127.0.0.1:{fixture.Silo.DashboardPort}/", fixture.Silo.ReadyLine);
        using var page = await MeteredSiloFixture.Http.GetAsync(new Uri($"http://127.0.0.1:{fixture.Silo.DashboardPort}/"));
        Assert.True(page.IsSuccessStatusCode, $"dashboard answered {(int)page.StatusCode}");
        Assert.Contains("Orleans", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        // Each endpoint on its own port only.
        using var metricsOnDashboardPort = await MeteredSiloFixture.Http.GetAsync(new Uri($"http://127.0.0.1:{fixture.Silo.DashboardPort}/metrics"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, metricsOnDashboardPort.StatusCode);
    }
}
