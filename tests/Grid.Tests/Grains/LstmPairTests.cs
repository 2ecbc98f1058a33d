using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Mapping;
using RiskGrid.Models.Lstm;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Grains;

/// <summary>
/// The LSTM through the grid: its settings travel with the universe's, its weights (the fit's blob) and
/// its history padding persist with the pair, and a reactivated pair continues bit for bit.
/// </summary>
[Collection(GridCollection.Name)]
public sealed class LstmPairTests(GridFixture grid)
{
    [Fact]
    public async Task An_lstm_pair_reactivated_between_retrains_equals_the_core_engine()
    {
        // A tiny network so that the test takes seconds.
        var settings = ModelSettings.Default with
        {
            LstmHiddenSize = 8,
            LstmSequenceLength = 10,
            LstmEpochs = 2,
            LstmRetrain = 40,
            LstmDevice = LstmDevice.Cpu,
        };
        var options = new RollingOptions { Window = 260, Alphas = [0.95, 0.99] };
        var model = ModelCatalog.Create("lstm", settings);
        var instrument = TestSeries.Unique("LSTM");
        var series = TestSeries.Create(instrument, model.HistoryPadding + options.Window + 90, seed: 12);
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(options, settings), ["lstm"], instrument);
        var pair = universe.Pair("lstm");

        var prices = TestSeries.Prices(series);
        var split = prices.Length - 55;
        await universe.PushAsync(prices[..split]);
        await grid.Cluster.DeactivateAsync(pair);
        await universe.PushAsync(prices[split..]);

        var core = RollingEngine.RunPair(series, ModelCatalog.Create("lstm", settings), options);
        Assert.True(core.Forecasts.Count(f => f.Refitted) >= 3);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), $"{instrument}/lstm");

        var ex = await Assert.ThrowsAsync<RiskGridException>(() => pair.GetForecastAsync(0.5));
        Assert.Contains($"pair {universe.Name}/{instrument}/lstm", ex.Message);
    }
}
