using Microsoft.Extensions.DependencyInjection;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Mapping;
using RiskGrid.Models.Lstm;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Metrics;
using RiskGrid.Grains.Training;
using RiskGrid.Grid.Tests.TestSupport;

namespace RiskGrid.Grid.Tests.Placement;

/// <summary>
/// A cluster of two silos, one of which declares a GPU: LSTM training (the training grains) is placed on the
/// GPU silo by the placement filter, while pairs stay where they are and cheap models fit beside the pair; a
/// pair whose training ran on the other silo equals the Core engine bit for bit.
/// </summary>
public sealed class GpuPlacementTests(GpuGridFixture grid) : IClassFixture<GpuGridFixture>
{
    /// <summary>A tiny network (seconds), on the device auto-detection picks: the CPU in this build.</summary>
    internal static readonly ModelSettings TinyLstm = ModelSettings.Default with
    {
        LstmHiddenSize = 8,
        LstmSequenceLength = 10,
        LstmEpochs = 2,
        LstmRetrain = 40,
        LstmDevice = LstmDevice.Auto,
    };

    internal static readonly RollingOptions Options = new() { Window = 260, Alphas = [0.95, 0.99] };

    [Fact]
    public async Task Lstm_training_runs_on_the_gpu_silo_and_the_pair_equals_the_core_engine()
    {
        var cluster = grid.Cluster;
        var (gpu, cpu) = (cluster.GpuSilo(), cluster.CpuSilo());
        var instrument = TestSeries.Unique("GPU");
        var series = TestSeries.Create(instrument, ModelCatalog.Create("lstm", TinyLstm).HistoryPadding + Options.Window + 90, seed: 21);
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Options, TinyLstm), ["lstm"], instrument);
        var key = PairKey.Of(universe.Name, instrument, "lstm");
        var pair = universe.Pair("lstm");
        await cluster.MoveToAsync(pair, cpu); // so that its training has to cross silos

        var prices = TestSeries.Prices(series);
        await universe.PushAsync(prices[..^50]);
        await universe.PushAsync(prices[^50..]);

        var status = await pair.GetStatusAsync();
        Assert.Equal(gpu, status.TrainedOn);
        Assert.True(status.TrainedOnGpu);
        Assert.Equal(gpu, cluster.SiloOf(grid.Client.GetGrain<IModelTrainingGrain>(key)));
        Assert.Equal(cpu, cluster.SiloOf(pair));

        var core = RollingEngine.RunPair(series, ModelCatalog.Create("lstm", TinyLstm), Options);
        Assert.True(core.Forecasts.Count(f => f.Refitted) >= 3);
        Assert.Equal(core.Forecasts.Count(f => f.Refitted), status.FitAttempts);
        Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), key);
        Assert.StartsWith("lstm device: cpu", status.LastFit!.Message);
    }

    [Fact]
    public async Task Training_activations_of_many_pairs_all_land_on_the_gpu_silo_and_fits_cross_bit_for_bit()
    {
        var gpu = grid.Cluster.GpuSilo();
        var settings = CoreMapping.ToSettings(Options);
        var bars = TestSeries.Create("W", 501, seed: 5).Bars;
        var returns = bars.Zip(bars.Skip(1), (a, b) => 100 * (b.Close / a.Close - 1)).ToArray();
        var window = ModelWindow.OfReturns(returns);
        // In one process the silos share prometheus-net's default registry: the gpu label tells them apart.
        var trainings = grid.Cluster.GetSiloServiceProvider(gpu).GetRequiredService<RiskGridMetrics>().Trainings;
        var (onGpu, elsewhere) = (trainings.WithLabels("garch-t", "true").Value, trainings.WithLabels("garch-t", "false").Value);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            grid.Client.GetGrain<IModelTrainingGrain>(PairKey.Of("training", TestSeries.Unique($"P{i}"), "garch-t"))
                .FitAsync(new TrainingRequest("garch-t", settings, window, null))));

        Assert.All(results, r => Assert.True(r.Silo.Equals(gpu) && r.Gpu, $"trained on {r.Silo}, gpu {r.Gpu}"));
        Assert.Equal(onGpu + 12, trainings.WithLabels("garch-t", "true").Value);
        Assert.Equal(elsewhere, trainings.WithLabels("garch-t", "false").Value);
        var local = ModelCatalog.Create("garch-t").FitSafely(window, null);
        Assert.True(local.IsUsable && local.Parameters.Length > 0, local.Message);
        foreach (var remote in results.Select(r => r.Fit))
        {
            Assert.Equal(local.Status, remote.Status);
            Assert.Equal(local.Parameters.Select(Bits.Of), remote.Parameters.Select(Bits.Of));
            Assert.Equal(local.StandardErrors?.Select(Bits.Of), remote.StandardErrors?.Select(Bits.Of));
            Assert.Equal(local.Message, remote.Message);
            Assert.Equal(Bits.Of(local.LogLikelihood), Bits.Of(remote.LogLikelihood));
            Assert.Equal(local.Blob, remote.Blob);
        }
    }

    [Fact]
    public async Task Models_that_want_no_accelerator_fit_beside_the_pair()
    {
        var instrument = TestSeries.Unique("CPU");
        Assert.False(ModelCatalog.Create("ewma").WantsAccelerator);
        var universe = await TestUniverse.CreateAsync(grid.Client, CoreMapping.ToSettings(Options), ["ewma"], instrument);
        var key = PairKey.Of(universe.Name, instrument, "ewma");
        var pair = universe.Pair("ewma");
        await universe.PushAsync(TestSeries.Prices(TestSeries.Create(instrument, Options.Window + 20, seed: 8)));

        var status = await pair.GetStatusAsync();
        Assert.True(status.FitAttempts > 0);
        Assert.Null(status.TrainedOn);
        Assert.Null(grid.Cluster.SiloOf(grid.Client.GetGrain<IModelTrainingGrain>(key)));
    }
}
