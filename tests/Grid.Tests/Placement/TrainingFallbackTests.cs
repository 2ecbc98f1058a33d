using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Placement;

/// <summary>In the shared grid no silo declares a GPU: LSTM training still runs on a training grain, on any silo.</summary>
[Collection(GridCollection.Name)]
public sealed class TrainingFallbackTests(GridFixture grid)
{
    [Fact]
    public async Task Without_a_gpu_silo_lstm_training_runs_on_any_silo_and_the_pair_equals_the_core_engine()
    {
        var settings = GpuPlacementTests.TinyLstm;
        var options = GpuPlacementTests.Options;
        var instrument = TestSeries.Unique("NOGPU");
        var series = TestSeries.Create(instrument, ModelCatalog.Create("lstm", settings).HistoryPadding + options.Window + 45, seed: 22);
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(options, settings), ["lstm"], instrument);
        var pair = universe.Pair("lstm");
        await universe.PushAsync(TestSeries.Prices(series));

        var status = await pair.GetStatusAsync();
        Assert.NotNull(status.TrainedOn);
        Assert.False(status.TrainedOnGpu);
        Assert.Contains(status.TrainedOn, grid.Cluster.Silos.Select(s => s.SiloAddress));

        var core = RollingEngine.RunPair(series, ModelCatalog.Create("lstm", settings), options);
        Assert.Equal(core.Forecasts.Count(f => f.Refitted), status.FitAttempts);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), $"{instrument}/lstm");
    }
}
