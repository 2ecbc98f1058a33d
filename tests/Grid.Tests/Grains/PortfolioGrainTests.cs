using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

[Collection(GridCollection.Name)]
public sealed class PortfolioGrainTests(GridFixture grid)
{
    private static readonly RollingOptions Options = new() { Window = TestModels.Window(60), RefitEvery = 1, Alphas = [0.95, 0.99] };

    private async Task<(IUniverseGrain Universe, PriceSeries[] Data)> NewUniverseAsync(string[] models, int days, int seed)
    {
        var name = TestSeries.Unique("P");
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 3, Days = days, Seed = seed })
            .Select(s => PriceSeries.Create($"{name}.{s.Instrument}", s.Source, s.Bars)).ToArray();
        var universe = grid.Client.GetGrain<IUniverseGrain>(name);
        await universe.ConfigureAsync(CoreMapping.ToSettings(Options), models);
        await universe.AddInstrumentsAsync([.. data.Select(s => s.Instrument)]);
        return (universe, data);
    }

    // What the portfolio grain must compute, built directly from the Core engine's pair runs.
    private static RollingPortfolio Expected(PriceSeries[] data, string model, double[] weights)
    {
        var runs = data.Select(s => RollingEngine.RunPair(s, ModelCatalog.Create(model), Options)).ToArray();
        var byOrigin = runs.Select(r => r.Forecasts.ToDictionary(f => f.OriginDate)).ToArray();
        var portfolio = new RollingPortfolio(new PortfolioOptions { Weights = weights, Window = Options.Window, Alphas = Options.Alphas });
        for (var t = 1; t < data[0].Count; t++)
        {
            double Stat(int i, int day, Func<ForecastRecord, double> pick) =>
                byOrigin[i].TryGetValue(data[i].Bars[day].Date, out var f) ? pick(f) : double.NaN;
            var n = data.Length;
            portfolio.Append(new JointObservation(data[0].Bars[t].Date,
                [.. Enumerable.Range(0, n).Select(i => Returns.Percent(data[i].Bars[t - 1].Close, data[i].Bars[t].Close, Options.ReturnKind))],
                [.. Enumerable.Range(0, n).Select(i => Stat(i, t - 1, f => f.Mean))],
                [.. Enumerable.Range(0, n).Select(i => Stat(i, t - 1, f => f.Volatility))],
                [.. Enumerable.Range(0, n).Select(i => Stat(i, t, f => f.Mean))],
                [.. Enumerable.Range(0, n).Select(i => Stat(i, t, f => f.Volatility))]));
        }

        return portfolio;
    }

    [Theory]
    [InlineData("ewma")]
    [InlineData("hs")]
    public async Task A_portfolio_fed_by_the_grid_equals_the_core_portfolio_kernel_for_every_method(string model)
    {
        // Two windows: filtered simulation needs a full window of days with model volatilities.
        var (universe, data) = await NewUniverseAsync([model], days: 2 * Options.Window + 40, seed: 31);
        var name = TestSeries.Unique("book");
        double[] weights = [0.5, 0.3, -0.2];
        await universe.AddPortfolioAsync(name, [.. data.Select((s, i) => new PortfolioWeight(s.Instrument, weights[i]))], model);
        var split = Options.Window + 20;
        await universe.PushPricesAsync([.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, 0, split)))]);
        for (var day = split; day < data[0].Count; day += 7)
        {
            await universe.PushPricesAsync([.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, day, 7)))]);
        }

        var expected = Expected(data, model, weights);
        var portfolio = grid.Client.GetGrain<IPortfolioGrain>(UniverseKey.Of(universe.GetPrimaryKeyString(), name));
        foreach (var method in PortfolioMethods.All)
        {
            var page = await portfolio.GetForecastsAsync(PortfolioMethods.Name(method), 0, int.MaxValue);
            Bits.Identical(expected.State.ForecastsOf(method), [.. page.Entries.Select(e => e.ToCore())], $"{name} {method}");
        }

        var status = await portfolio.GetStatusAsync();
        Assert.Equal(data[0].Count - 1, status.JointDays);
        Assert.Equal(data[0].Bars[^1].Date, status.LastDate);
        Bits.Equal(expected.State.LastPnL, status.LastPnL, "last P&L");
        Assert.Equal(["hs", "fhs", "varcov", "dcc"], status.Methods.Select(m => m.Method));
        foreach (var method in status.Methods)
        {
            var records = expected.State.ForecastsOf(PortfolioMethods.Parse(method.Method));
            var backtests = Backtester.Summarize(records, Options.Alphas);
            Assert.Equal(backtests.Select(b => b.ToMessage()), method.Backtests);
            Assert.Equal(records.Count, method.Forecasts);
        }

        // With a volatility model every method forecasts; historical simulation gives no volatility, so
        // filtered simulation and DCC have nothing to standardise with.
        string[] needVolatility = ["fhs", "dcc"];
        Assert.All(status.Methods.Where(m => needVolatility.Contains(m.Method)), m => Assert.Equal(model == "ewma", m.Latest.Length == 2));
        Assert.All(status.Methods.Where(m => !needVolatility.Contains(m.Method)), m => Assert.Equal(2, m.Latest.Length));
    }

    [Fact]
    public async Task A_portfolio_refreshes_with_each_push_and_survives_reactivation()
    {
        var (universe, data) = await NewUniverseAsync(["ewma"], days: Options.Window + 30, seed: 32);
        var name = TestSeries.Unique("book");
        await universe.AddPortfolioAsync(name, [.. data.Select(s => new PortfolioWeight(s.Instrument, 1.0 / 3))], "ewma");
        var portfolio = grid.Client.GetGrain<IPortfolioGrain>(UniverseKey.Of(universe.GetPrimaryKeyString(), name));
        for (var day = 0; day < data[0].Count; day++)
        {
            await universe.PushPricesAsync([.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, day, 1)))]);
            if (day % 10 == 3)
            {
                await grid.Cluster.DeactivateAsync(portfolio);
            }
        }

        var expected = Expected(data, "ewma", [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        foreach (var method in PortfolioMethods.All)
        {
            var page = await portfolio.GetForecastsAsync(PortfolioMethods.Name(method), 0, int.MaxValue);
            Bits.Identical(expected.State.ForecastsOf(method), [.. page.Entries.Select(e => e.ToCore())], $"{name} {method}");
        }
    }

    [Fact]
    public async Task A_portfolio_waits_for_days_every_member_has()
    {
        var (universe, data) = await NewUniverseAsync(["hs"], days: 20, seed: 33);
        var name = TestSeries.Unique("book");
        await universe.AddPortfolioAsync(name, [.. data.Select(s => new PortfolioWeight(s.Instrument, 1))], "hs");
        await universe.PushPricesAsync([.. data.Select(s => new InstrumentPrices(s.Instrument, TestSeries.Prices(s, 0, 10)))]);
        await universe.PushPricesAsync([new InstrumentPrices(data[0].Instrument, TestSeries.Prices(data[0], 10, 5))]);
        var status = await grid.Client.GetGrain<IPortfolioGrain>(UniverseKey.Of(universe.GetPrimaryKeyString(), name)).GetStatusAsync();
        Assert.Equal(9, status.JointDays);
        Assert.Equal(data[0].Bars[9].Date, status.LastDate);
        var expected = Enumerable.Range(0, 3).Sum(i => Returns.Percent(data[i].Bars[8].Close, data[i].Bars[9].Close, ReturnKind.Simple));
        Assert.Equal(expected, status.LastPnL, 12);
    }

    [Fact]
    public async Task Bad_portfolio_definitions_are_refused_clearly()
    {
        var (universe, data) = await NewUniverseAsync(["hs"], days: 5, seed: 34);
        var ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddPortfolioAsync("x", [new PortfolioWeight("NOPE", 1)], "hs"));
        Assert.Contains("unknown instrument 'NOPE'", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddPortfolioAsync("x", [new PortfolioWeight(data[0].Instrument, 1)], "ewma"));
        Assert.Contains("model 'ewma' is not in universe", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddPortfolioAsync(TestSeries.Unique("x"),
            [new PortfolioWeight(data[0].Instrument, 1), new PortfolioWeight(data[0].Instrument, 2)], "hs"));
        Assert.Contains("listed twice", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => universe.AddPortfolioAsync(TestSeries.Unique("x"),
            [new PortfolioWeight(data[0].Instrument, 0)], "hs"));
        Assert.Contains("all zero", ex.Message);
        ex = await Assert.ThrowsAsync<RiskGridException>(() => grid.Client.GetGrain<IPortfolioGrain>(UniverseKey.Of("u", TestSeries.Unique("none"))).GetForecastsAsync("hs", 0, 1));
        Assert.Contains("is not defined", ex.Message);
    }
}
