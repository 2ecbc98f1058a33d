using System.Diagnostics;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.Training;
using RiskGrid.Grid.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Grid.Tests.Placement;

/// <summary>
/// The GPU silo dies while it trains a pair's LSTM: the pair's update fails within seconds (it does not wait for
/// the response timeout), the client's resend succeeds with training on the surviving silo, and the pair still
/// equals the Core engine bit for bit. Pair state persists in Redis, as in a real cluster (in-memory storage
/// would die with the silo that hosts it).
/// </summary>
public sealed class TrainingFailoverTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task When_the_gpu_silo_dies_mid_training_the_update_fails_and_its_resend_trains_elsewhere_bit_for_bit()
    {
        var redis = RedisEnvironment.Address ?? throw new InvalidOperationException(
            $"CI=true but the training failover test cannot run: {RedisEnvironment.Problem}");
        // Long enough training (a second or two) to kill the silo in the middle of it.
        var settings = GpuPlacementTests.TinyLstm with { LstmHiddenSize = 16, LstmEpochs = 120, LstmPatience = 120 };
        var options = GpuPlacementTests.Options;
        var clock = Stopwatch.StartNew();
        var cluster = await GpuClusters.StartAsync(2, redis);
        try
        {
            var (gpu, cpu) = (cluster.GpuSilo(), cluster.CpuSilo());
            var instrument = TestSeries.Unique("FAIL");
            var series = TestSeries.Create(instrument, options.Window + 30, seed: 23);
            var prices = TestSeries.Prices(series);
            var universe = await TestUniverse.CreateAsync(cluster.Client, CoreMapping.ToSettings(options, settings), ["lstm"], instrument);
            var key = PairKey.Of(universe.Name, instrument, "lstm");
            var pair = universe.Pair("lstm");
            await cluster.MoveToAsync(pair, cpu);
            await cluster.MoveToAsync(universe.Grain, cpu); // so that the kill hits the training, not the push's coordinator
            await universe.PushAsync(prices[..options.Window]); // the window is one return short: no fit yet
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: cluster up, window filled");

            // The next day's fit goes to the GPU silo; kill it as soon as the training activation is there.
            var update = universe.PushAsync(prices[options.Window..]);
            var training = cluster.Client.GetGrain<IModelTrainingGrain>(key);
            while (cluster.SiloOf(training) is null && !update.IsCompleted)
            {
                await Task.Delay(5);
            }

            Assert.False(update.IsCompleted, "the update finished before the training silo could be killed");
            Assert.Equal(gpu, cluster.SiloOf(training));
            var killed = Stopwatch.StartNew();
            await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(gpu)));
            var failure = await Record.ExceptionAsync(() => update.WaitAsync(TimeSpan.FromSeconds(60)));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: update failed {killed.Elapsed.TotalSeconds:0.0} s after the kill: " +
                             $"{failure?.GetType().Name}: {failure?.Message.Split('\n')[0]}");
            Assert.NotNull(failure);
            Assert.True(failure is not TimeoutException, "the update still hung 60 s after its training silo died");

            // The SDK resends; the instrument already holds the prices, the pair reloads its stored state, reads
            // what it missed from the instrument and trains on the survivor (no GPU left).
            var client = new RiskGridClient(cluster.Client, new RiskGridClientOptions { RetryFor = TimeSpan.FromSeconds(60) });
            var result = await client.PushAsync(universe.Name, [new InstrumentPrices(instrument, prices[options.Window..])]);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: resent ({client.Retries} retries), {result.PairUpdates} new prices applied");

            var status = await pair.GetStatusAsync();
            Assert.Equal(prices.Length, status.BarsSeen);
            Assert.Equal(cpu, status.TrainedOn);
            Assert.False(status.TrainedOnGpu);
            var core = RollingEngine.RunPair(series, ModelCatalog.Create("lstm", settings), options);
            Assert.Equal(core.Forecasts.Count(f => f.Refitted), status.FitAttempts);
            Bits.Identical(core.Forecasts, await GridReads.ForecastsAsync(pair), key);
        }
        finally
        {
            await cluster.DisposeAsync();
            await RedisKeys.DeleteAsync(redis, cluster.Options.ServiceId);
        }
    }
}
