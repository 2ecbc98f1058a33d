using PuppeteerSharp;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Output;
using RiskGrid.Client.Report;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Report;

/// <summary>
/// The interactive report in a real browser: Debian's chromium, headless, driven over the DevTools protocol
/// (PuppeteerSharp, no browser download). One benchmark run and one browser for the class's facts.
/// </summary>
public sealed class ReportBrowserTests(ReportBrowserTests.BrowserReport fixture) : IClassFixture<ReportBrowserTests.BrowserReport>
{
    private static readonly string[] Models = ["normal", "hs", "ewma"];
    private static readonly double[] Alphas = [0.95, 0.99];
    private static readonly PortfolioWeight[] Weights = [new("SYN01", 0.6), new("SYN02", -0.4)];

    [ToolFact("chromium")]
    public async Task Report_renders_every_chart_offline_without_console_errors()
    {
        var page = await fixture.OpenAsync();

        Assert.Empty(page.Errors);
        Assert.Empty(page.OtherRequests);
        Assert.Equal([fixture.Url], page.Requests.Distinct()); // the file itself, nothing else
        foreach (var chart in new[] { "exceptions-chart", "loss-chart", "returns-chart", "traffic-chart", "portfolio-chart", "portfolio-traffic-chart" })
        {
            Assert.True(await page.Page.EvaluateExpressionAsync<bool>(
                $"document.querySelector('#{chart}.js-plotly-plot svg.main-svg') !== null"), $"{chart} did not render");
        }

        // Bars: one per model and level; returns chart: return, −VaR, −ES, exceptions.
        Assert.Equal(Models.Length * Alphas.Length, await Count(page, "#exceptions-chart .barlayer .point"));
        Assert.Equal(4, await Count(page, "#returns-chart .scatterlayer .trace"));
        Assert.Equal(4, await Count(page, "#portfolio-chart .scatterlayer .trace"));
        var header = await page.Page.EvaluateExpressionAsync<string>("document.querySelector('table.run').innerText");
        Assert.Contains("data hash", header);
        Assert.Contains("sha256:", header);
        Assert.Contains("--window 250", header);
    }

    [ToolFact("chromium")]
    public async Task Switching_the_model_plots_that_models_var_and_its_trailing_exceptions()
    {
        var page = await fixture.OpenAsync();
        var instrument = fixture.Report.Runs[0].Instrument;
        var path = "document.querySelector('#returns-chart .scatterlayer .trace:nth-child(2) path.js-line').getAttribute('d')";
        foreach (var model in new[] { "ewma", "normal" })
        {
            var before = await page.Page.EvaluateExpressionAsync<string>(path);
            await page.Page.SelectAsync("#pick-model", Array.IndexOf(Models, model).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual(before, await page.Page.EvaluateExpressionAsync<string>(path)); // the drawn line changed

            var run = fixture.Report.Runs.Single(r => r.Instrument == instrument && r.Model == model);
            var level = Alphas.Length - 1;
            var expected = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).Select(f => -f.VaR[level]).ToList();
            var plotted = await page.Page.EvaluateExpressionAsync<double?[]>("document.getElementById('returns-chart').data[1].y");
            var name = await page.Page.EvaluateExpressionAsync<string>("document.getElementById('returns-chart').data[1].name");
            Assert.Contains(model, name);
            var values = plotted.Where(v => v.HasValue).Select(v => v!.Value).ToList();
            Assert.Equal(expected.Count, values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                Assert.Equal(expected[i], values[i], 4);
            }

            // The markers are the backtests' exceptions; the trailing count ends at the traffic light's count.
            var summary = fixture.Report.Backtests.Single(b => b.Instrument == instrument && b.Model == model && b.Summary.Alpha == Alphas[level]).Summary;
            Assert.Equal(summary.Exceptions, await page.Page.EvaluateExpressionAsync<int>("document.getElementById('returns-chart').data[3].x.length"));
            var counts = await page.Page.EvaluateExpressionAsync<int[]>("window.riskgridReport.trailing().counts");
            Assert.Equal(summary.TrafficLight.Exceptions, counts[^1]);
        }

        // Another level: the −VaR line is the 95% one.
        await page.Page.SelectAsync("#pick-level", "0");
        var low = await page.Page.EvaluateExpressionAsync<double?[]>("document.getElementById('returns-chart').data[1].y");
        var normal = fixture.Report.Runs.Single(r => r.Instrument == instrument && r.Model == "normal");
        Assert.Equal(-normal.Forecasts.First(f => f.IsRealized && f.HasForecast).VaR[0], low.First(v => v.HasValue)!.Value, 4);
        Assert.Empty(page.Errors);
    }

    [ToolFact("chromium")]
    public async Task Switching_the_route_plots_that_routes_portfolio_var_its_exceptions_and_backtests()
    {
        var page = await fixture.OpenAsync();
        var portfolio = fixture.Report.Portfolio!;
        var routes = portfolio.Routes.Runs.Select(r => r.Model).ToList();
        Assert.Equal(["hs", "fhs", "varcov", "dcc"], routes);
        var level = Alphas.Length - 1;
        var path = "document.querySelector('#portfolio-chart .scatterlayer .trace:nth-child(2) path.js-line').getAttribute('d')";
        foreach (var route in new[] { "varcov", "dcc", "hs" })
        {
            var before = await page.Page.EvaluateExpressionAsync<string>(path);
            await page.Page.SelectAsync("#pick-route", routes.IndexOf(route).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual(before, await page.Page.EvaluateExpressionAsync<string>(path));

            var run = portfolio.Routes.Runs.Single(r => r.Model == route);
            var expected = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).Select(f => -f.VaR[level]).ToList();
            Assert.NotEmpty(expected);
            var plotted = await page.Page.EvaluateExpressionAsync<double?[]>("document.getElementById('portfolio-chart').data[1].y");
            Assert.Contains(route, await page.Page.EvaluateExpressionAsync<string>("document.getElementById('portfolio-chart').data[1].name"));
            var values = plotted.Where(v => v.HasValue).Select(v => v!.Value).ToList();
            Assert.Equal(expected.Count, values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                Assert.Equal(expected[i], values[i], 4);
            }

            // The plotted portfolio return is Σ wᵢ rᵢ of the members' returns; the markers are the route's backtested exceptions.
            var returns = await page.Page.EvaluateExpressionAsync<double?[]>("document.getElementById('portfolio-chart').data[0].y");
            Assert.Equal(run.Forecasts.Count(f => f.IsRealized), returns.Length);
            var summary = portfolio.Routes.Backtests.Single(b => b.Model == route && b.Summary.Alpha == Alphas[level]).Summary;
            Assert.Equal(summary.Exceptions, await page.Page.EvaluateExpressionAsync<int>("document.getElementById('portfolio-chart').data[3].x.length"));
            var counts = await page.Page.EvaluateExpressionAsync<int[]>("window.riskgridReport.portfolioTrailing().counts");
            Assert.Equal(summary.TrafficLight.Exceptions, counts[^1]);
        }

        // The routes' backtests table lists every route at every level.
        var table = await page.Page.EvaluateExpressionAsync<string>(
            "Array.from(document.querySelectorAll('h3')).find(h => h.textContent === 'Route backtests').nextElementSibling.innerText");
        foreach (var route in routes)
        {
            Assert.Contains(route, table);
        }

        Assert.Empty(page.Errors);
    }

    [ToolFact("chromium")]
    public async Task Hovering_a_day_shows_its_date_return_var_and_es()
    {
        var page = await fixture.OpenAsync();
        var first = fixture.Report.Runs[0].Forecasts.First(f => f.IsRealized && f.HasForecast);
        await page.Page.EvaluateExpressionAsync("Plotly.Fx.hover('returns-chart', [{ curveNumber: 0, pointNumber: 0 }])");
        var text = await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#returns-chart .hoverlayer').textContent");
        Assert.Contains(first.TargetDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains("return", text);
        Assert.Contains("VaR", text);
        Assert.Contains("ES", text);
        Assert.Contains(first.VaR[^1].ToString("F3", System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private static Task<int> Count(OpenPage page, string selector) =>
        page.Page.EvaluateExpressionAsync<int>($"document.querySelectorAll('{selector}').length");

    /// <summary>A loaded report page and what it did: console errors and page errors, every request, and those to any other place.</summary>
    public sealed record OpenPage(IPage Page, List<string> Errors, List<string> Requests, List<string> OtherRequests);

    /// <summary>A small benchmark's report and a headless chromium to open it in.</summary>
    public sealed class BrowserReport : IAsyncLifetime
    {
        private readonly TempFolder _dir = new();
        private IBrowser? _browser;

        public BenchmarkReport Report { get; private set; } = null!;

        public string Url { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            var settings = new BenchmarkSettings
            {
                Models = Models,
                Rolling = new RollingOptions { Window = 250, Alphas = Alphas },
                SyntheticInstruments = 2,
                SyntheticDays = 520,
                Weights = Weights,
                OutputDirectory = _dir.File("out"),
            };
            Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));
            var universe = DataSources.Load(settings);
            var runs = await new CoreEngineExecutor().RunAsync(universe, settings, new Progress<EngineProgress>(), CancellationToken.None);
            Report = BenchmarkReport.Build(runs, Alphas) with { Portfolio = PortfolioReport.Build(universe, runs, Weights, Models[0], settings.Rolling) };
            var file = Path.Combine(settings.OutputDirectory, HtmlReportWriter.ReportFile);
            // Moved away from plots/ and the CSV files: the page must stand alone.
            var alone = _dir.File("alone.html");
            File.Move(file, alone);
            Url = new Uri(alone).AbsoluteUri;
            if (CiEnvironment.IsCi || ToolFactAttribute.Which("chromium") is not null)
            {
                _browser = await Puppeteer.LaunchAsync(new LaunchOptions
                {
                    Headless = true,
                    ExecutablePath = ToolFactAttribute.Require("chromium"),
                    // Root in CI and containers has no user namespace sandbox; no GPU here.
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                });
            }
        }

        public async Task<OpenPage> OpenAsync()
        {
            var browser = _browser ?? throw new InvalidOperationException("chromium did not start");
            var page = await browser.NewPageAsync();
            var open = new OpenPage(page, [], [], []);
            page.Console += (_, e) =>
            {
                if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
                {
                    open.Errors.Add($"console {e.Message.Type}: {e.Message.Text}");
                }
            };
            page.PageError += (_, e) => open.Errors.Add("page error: " + e.Message);
            await page.SetRequestInterceptionAsync(true);
            page.Request += async (_, e) =>
            {
                lock (open)
                {
                    open.Requests.Add(e.Request.Url);
                }

                if (e.Request.Url == Url)
                {
                    await e.Request.ContinueAsync();
                }
                else
                {
                    lock (open)
                    {
                        open.OtherRequests.Add(e.Request.Url);
                    }

                    await e.Request.AbortAsync();
                }
            };
            await page.SetViewportAsync(new ViewPortOptions { Width = 1300, Height = 900 });
            await page.GoToAsync(Url, WaitUntilNavigation.Load);
            await page.WaitForFunctionAsync("() => window.riskgridReport !== undefined", new WaitForFunctionOptions { Timeout = 20_000 });
            return open;
        }

        public async Task DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync();
                await _browser.DisposeAsync();
            }

            _dir.Dispose();
        }
    }
}
