using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Portfolio;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.State;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.State;

/// <summary>
/// State written by the release before versioning (the golden files) still loads, and a grid that finds it
/// under the old keys migrates it: pairs move their forecasts to chunks and their prices to the instrument,
/// universes take over their pairs, and everything continues exactly like the Core engine.
/// </summary>
[Collection(GridCollection.Name)]
public sealed class GoldenStateTests(GridFixture grid)
{
    private static readonly string[] Models = GoldenStates.Models;

    [Theory]
    [MemberData(nameof(GoldenStates.ModelCases), MemberType = typeof(GoldenStates))]
    public void Version_0_pair_state_loads_with_every_forecast_and_price(string model)
    {
        var state = GoldenStates.Load<PairGrainState>($"pair-{model}.v0.bin");
        var core = GoldenStates.CorePair(model);
        Assert.Equal(0, state.Version);
        Assert.True(CoreMapping.ToSettings(GoldenStates.Options).SameAs(state.Settings!));
        Assert.Equal(12345, state.FitTicks);
        Assert.Equal(GoldenStates.Days, state.LegacyLog!.Count);
        Assert.Equal(GoldenStates.Days, state.Pair.BarsSeen);
        Assert.Equal(core.State.FitAttempts, state.Pair.FitAttempts);
        var stored = GoldenStates.StoredForecasts(model);
        Bits.Identical(stored, state.Pair.Forecasts, model);
        if (model != "garch-t")
        {
            // Closed-form models: today's Core engine still computes exactly what was stored. (The v0 release
            // recorded no PITs and no laws: hs and ewma have had PITs since, and ewma its law, so they are left out of this comparison.)
            Bits.Identical([.. core.State.Forecasts.Select(f => f with { Pit = double.NaN, Law = null })], stored, model);
        }

        Assert.Equal(core.State.Bars, state.Pair.Bars);
        var series = TestSeries.Create("GOLD", GoldenStates.Days, seed: 90);
        Assert.Equal(series.Bars.Select(b => Bits.Of(b.Close)), state.LegacyLog.Closes.Select(Bits.Of));
    }

    [Fact]
    public void Version_0_universe_and_portfolio_state_load()
    {
        var universe = GoldenStates.Load<UniverseGrainState>("universe.v0.bin");
        Assert.Equal(0, universe.Version);
        Assert.Equal(Models, universe.Models);
        Assert.Equal(["GOLD", "GA", "GB"], universe.Instruments);
        Assert.Equal(["book"], universe.Portfolios);
        Assert.True(universe.HasPrices);
        // written before the ESR Monte Carlo option (settings id 6): it reads as off, the settings as they were
        Assert.False(universe.Settings!.EsrMonteCarlo);
        Assert.True(CoreMapping.ToSettings(GoldenStates.Options).SameAs(universe.Settings));
        Assert.Same(BacktestOptions.Default, universe.Settings.ToBacktestOptions());

        var portfolio = GoldenStates.Load<PortfolioGrainState>("portfolio.v0.bin");
        Assert.Equal(0, portfolio.Version);
        Assert.Equal("ewma", portfolio.Definition!.Model);
        Assert.Equal(2, portfolio.Members.Count);
        Assert.Equal(101.7, portfolio.Members[0].Pending.Single().Close);
        var expected = ExpectedPortfolio();
        foreach (var method in GoldenMethods)
        {
            Bits.Identical(expected.State.ForecastsOf(method), portfolio.Portfolio.ForecastsOf(method), method.ToString());
        }

        Assert.Empty(portfolio.Portfolio.ForecastsOf(PortfolioMethod.Dcc));
    }

    [Fact]
    public void Universe_settings_with_the_esr_mc_option_keep_it_through_the_storage_serializer()
    {
        var serializer = GoldenStates.Serializer();
        foreach (var on in new[] { true, false })
        {
            var settings = CoreMapping.ToSettings(GoldenStates.Options, backtests: new BacktestOptions { EsrMonteCarlo = on });
            var stored = new UniverseGrainState { Settings = settings, Models = ["ewma"], Version = StateVersions.Universe };
            var read = serializer.Deserialize<UniverseGrainState>(serializer.Serialize(stored))!;
            Assert.Equal(on, read.Settings!.EsrMonteCarlo);
            Assert.True(settings.SameAs(read.Settings));
            Assert.Equal(on, read.Settings.ToBacktestOptions().EsrMonteCarlo);
        }
    }

    [Fact]
    public async Task A_grid_that_finds_version_0_state_under_the_old_keys_migrates_it_and_continues_like_the_core_engine()
    {
        // The golden records, written where the old release kept them: pairs "{instrument}/{model}",
        // the universe under its name (its instrument renamed, so that tests sharing the cluster never meet).
        var instrument = TestSeries.Unique("GOLD");
        var storage = GoldenStates.Storage(grid);
        var pairType = grid.Client.GetGrain<IInstrumentModelGrain>("u/i/m").GetGrainId().Type;
        foreach (var model in Models)
        {
            await storage.WriteStateAsync("pair", GrainId.Create(pairType, $"{instrument}/{model}"),
                new GrainState<PairGrainState>(GoldenStates.Load<PairGrainState>($"pair-{model}.v0.bin")));
        }

        var name = TestSeries.Unique("legacy");
        var universeState = GoldenStates.Load<UniverseGrainState>("universe.v0.bin");
        universeState.Instruments = [instrument];
        universeState.Portfolios = [];
        await storage.WriteStateAsync("universe", grid.Client.GetGrain<IUniverseGrain>(name).GetGrainId(),
            new GrainState<UniverseGrainState>(universeState));

        // Activating the universe takes the pairs over; their forecasts now page out of chunks.
        var universe = grid.Client.GetGrain<IUniverseGrain>(name);
        Assert.Equal([instrument], (await universe.GetDefinitionAsync()).Instruments);
        var prices = grid.Client.GetGrain<IInstrumentPricesGrain>(UniverseKey.Of(name, instrument));
        Assert.Equal(GoldenStates.Days, (await prices.GetStatusAsync()).Count);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            Bits.Identical(GoldenStates.StoredForecasts(model), await GridReads.ForecastsAsync(pair), model);
        }

        // A resent old day with another price is refused (the migrated prices are the truth); then new days continue exactly.
        var longer = TestSeries.Create(instrument, GoldenStates.Days + 40, seed: 90);
        var conflict = TestSeries.Prices(longer, 17, 1)[0] with { Close = 1 };
        await Assert.ThrowsAsync<PriceRejectedException>(() => universe.PushPricesAsync([new InstrumentPrices(instrument, [conflict])]));
        await universe.PushPricesAsync([new InstrumentPrices(instrument, TestSeries.Prices(longer, GoldenStates.Days - 5, 45))]);
        foreach (var model in Models)
        {
            var pair = grid.Client.GetGrain<IInstrumentModelGrain>(PairKey.Of(name, instrument, model));
            // The Core kernel resumed from the stored state (warm-started from the stored fit) and fed the same days.
            var core = GoldenStates.Resumed(model, 0, longer);

            await GoldenStates.AssertHoldsAsync(pair, core.State.Forecasts, model);
            // The accumulators, built from the migrated history and fed the new days, persist the batch figures.
            var stored = await GoldenStates.ReadPairAsync(storage, pair.GetGrainId());
            Assert.Equal(StateVersions.Pair, stored.Version);
            Assert.Equal(BacktestAccumulator.Of(core.State.Forecasts, GoldenStates.Alphas).Select(b => b.Figures()),
                stored.Backtests!.Select(b => b.Figures()));
            var status = await pair.GetStatusAsync();
            Assert.Equal(longer.Count, status.BarsSeen);
            Assert.Equal(longer.Bars[0].Date, status.FirstDate);
        }

        // The old pair records are left as they were.
        var old = await GoldenStates.ReadPairAsync(storage, GrainId.Create(pairType, $"{instrument}/hs"));
        Assert.Equal(0, old.Version);
        Assert.Equal(GoldenStates.Days, old.Pair.Forecasts.Count + GoldenStates.Window);
    }

    [Fact]
    public async Task A_version_0_portfolio_under_its_old_key_is_taken_over_by_its_universe()
    {
        var storage = GoldenStates.Storage(grid, silo: 1);
        var book = TestSeries.Unique("book");
        var portfolioType = grid.Client.GetGrain<IPortfolioGrain>("u/p").GetGrainId().Type;
        await storage.WriteStateAsync("portfolio", GrainId.Create(portfolioType, book),
            new GrainState<PortfolioGrainState>(GoldenStates.Load<PortfolioGrainState>("portfolio.v0.bin")));

        var portfolio = grid.Client.GetGrain<IPortfolioGrain>(UniverseKey.Of("legacy", book));
        Assert.True(await portfolio.AdoptLegacyAsync());
        Assert.False(await portfolio.AdoptLegacyAsync());
        var expected = ExpectedPortfolio();
        foreach (var method in GoldenMethods)
        {
            var page = await portfolio.GetForecastsAsync(PortfolioMethods.Name(method), 0, int.MaxValue);
            Bits.Identical(expected.State.ForecastsOf(method), [.. page.Entries.Select(e => e.ToCore())], method.ToString());
        }

        Assert.Empty((await portfolio.GetForecastsAsync("dcc", 0, int.MaxValue)).Entries);
    }

    // The version-0 files predate the DCC route, whose history starts empty when they load.
    private static readonly PortfolioMethod[] GoldenMethods =
        [PortfolioMethod.Historical, PortfolioMethod.FilteredHistorical, PortfolioMethod.VarianceCovariance];

    private static RollingPortfolio ExpectedPortfolio()
    {
        var portfolio = new RollingPortfolio(GoldenStates.PortfolioOptions);
        foreach (var row in GoldenStates.PortfolioRows())
        {
            portfolio.Append(row);
        }

        return portfolio;
    }
}
