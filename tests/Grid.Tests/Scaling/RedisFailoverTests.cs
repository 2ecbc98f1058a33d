using System.Diagnostics;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Grid.Tests.Scaling;

/// <summary>
/// Scale-out against a real Redis: three silo processes (the built silo executable) form one cluster,
/// a 20-instrument × 3-model benchmark runs through it, one silo is SIGKILLed midway, and the run must
/// finish with every pair's results bit-identical to the Core engine: no pair lost or repeated a day.
/// </summary>
public sealed class RedisFailoverTests(ITestOutputHelper output)
{
    private const int Instruments = 20;
    private const int Days = 320;
    private const int DaysPerPush = 10;
    private static readonly RollingOptions Options = new() { Window = 250, RefitEvery = 1, Alphas = [0.95, 0.99] };
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(90);
    private const string Universe = "failover";

    /// <summary>Three models with different state: none (hs), a recursion (ewma) and a GARCH fit warm-started
    /// from the previous one (the state a lost pair would most visibly get wrong).</summary>
    private static string[] Models =>
        [.. new[] { "hs", "ewma", "garch-n", "normal" }.Where(ModelCatalog.Contains).Take(3)];

    [RedisFact]
    public async Task A_silo_killed_midway_loses_no_pair_state_and_the_results_equal_the_core_engine()
    {
        var redis = RedisEnvironment.Address ?? throw new InvalidOperationException(
            $"CI=true but the grid's Redis test cannot run: {RedisEnvironment.Problem}");
        Assert.True(Models.Length >= 3, $"needs 3 models, the catalogue has {string.Join(", ", ModelCatalog.Names)}");
        var clusterId = $"riskgrid-test-{Guid.NewGuid():N}"[..26];
        var clock = Stopwatch.StartNew();
        var silos = new List<SiloProcess>();
        try
        {
            silos.AddRange(await SiloProcess.StartedTogetherAsync(Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(redis, clusterId, SiloStart, "--fit-threads", "1")), silo => silo));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: 3 silos ready (pids {string.Join(", ", silos.Select(s => s.Id))})");

            var options = new RiskGridClientOptions { DaysPerPush = DaysPerPush, RetryFor = RetryFor };
            await using var connection = await RiskGridConnection.ConnectAsync(ClusterAddress.Parse($"redis://{redis}", clusterId, clusterId), options);
            var client = connection.Client;
            var management = client.Cluster.GetGrain<IManagementGrain>(0);
            await WaitForAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 3, TimeSpan.FromSeconds(30), "3 active silos");

            var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = Instruments, Days = Days, Seed = 3 });
            var series = data.Select(s => s.ToMessage()).ToArray();
            await client.DefineUniverseAsync(Universe, CoreMapping.ToSettings(Options), Models, [.. data.Select(s => s.Instrument)]);

            // The hardest silo to lose: the one running the universe, the coordinator of every push.
            var first = await client.PushAsync(Universe, [.. series.Select(s => s with { Prices = s.Prices[..DaysPerPush] })]);
            Assert.Equal(Instruments * Models.Length * (long)DaysPerPush, first.PairUpdates);
            var coordinator = await management.GetActivationAddress(client.Cluster.GetGrain<IUniverseGrain>(Universe));
            var victim = silos.Single(s => s.SiloPort == coordinator!.Endpoint.Port);

            // Upload everything (the first days again: the pairs skip them); midway, SIGKILL the coordinator's
            // silo while the next push is in flight.
            var pushes = (Days + DaysPerPush - 1) / DaysPerPush;
            Task<TimeSpan>? detection = null;
            var done = await client.PushSeriesAsync(Universe, series, new SynchronousProgress<PushProgress>(p =>
            {
                if (p.Pushes == pushes / 2)
                {
                    detection = KillDuringNextPushAsync(victim, management, clock);
                }
            }));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {done.Pushes} pushes done, {done.Retries} resent after failures");
            Assert.NotNull(detection);
            output.WriteLine($"killed silo declared dead {(await detection).TotalSeconds:0.0} s after SIGKILL");
            Assert.Equal(Instruments * (long)Days, done.PricesSent);

            // Every pair: all its prices and forecasts, every value bit-identical to the Core engine.
            var core = RollingEngine.Run(data, Models, Options);
            foreach (var run in core)
            {
                var status = await client.GetPairStatusAsync(Universe, run.Instrument, run.Model);
                Assert.Equal(Days, status.BarsSeen);
                Assert.Equal(run.Forecasts.Count, status.Forecasts);
                var history = await client.GetForecastHistoryAsync(Universe, run.Instrument, run.Model);
                Bits.Identical(run.Forecasts, [.. history.Select(e => e.ToCore())], $"{run.Instrument}/{run.Model}");
            }

            var summary = await client.GetUniverseSummaryAsync(Universe);
            Assert.Equal(Instruments * (long)Days, summary.Progress.PricesAccepted);
            Assert.Equal(core.Count * (long)Days, summary.Progress.PairUpdates);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {core.Count} pairs identical to the Core engine");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await RedisKeys.DeleteAsync(redis, clusterId);
        }
    }

    private async Task<TimeSpan> KillDuringNextPushAsync(SiloProcess victim, IManagementGrain management, Stopwatch clock)
    {
        await Task.Delay(30);
        victim.Kill();
        var killedAt = Stopwatch.StartNew();
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: SIGKILLed the coordinator's silo (pid {victim.Id}, port {victim.SiloPort})");
        return await DetectDeathAsync(management, victim.SiloPort, killedAt);
    }

    private static async Task<TimeSpan> DetectDeathAsync(IManagementGrain management, int siloPort, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                // The management grain may itself have been on the dead silo: never wait on one answer for long.
                var hosts = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2));
                if (hosts.Count > 0 && hosts.Keys.All(h => h.Endpoint.Port != siloPort))
                {
                    return since.Elapsed;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // No answer yet (the management grain may be moving off the dead silo); ask again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the silo on port {siloPort} was not declared dead within 60 s of SIGKILL");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no {what} after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }
}
