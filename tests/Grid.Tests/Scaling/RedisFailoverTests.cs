using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grid.Tests.TestSupport;
using StackExchange.Redis;
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

    /// <summary>Three cheap models that exercise different state (none, a fit, a recursion); the catalogue decides which exist.</summary>
    private static string[] Models =>
        [.. new[] { "hs", "ewma", "normal", "student-t", "cornish-fisher" }.Where(ModelCatalog.Contains).Take(3)];

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
            silos.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(redis, clusterId, SiloStart, "--fit-threads", "1"))));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: 3 silos ready (pids {string.Join(", ", silos.Select(s => s.Id))})");

            using var host = await ConnectAsync(redis, clusterId);
            var client = host.Services.GetRequiredService<IClusterClient>();
            var management = client.GetGrain<IManagementGrain>(0);
            await WaitForAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 3, TimeSpan.FromSeconds(30), "3 active silos");

            var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = Instruments, Days = Days, Seed = 3 });
            var universe = client.GetGrain<IUniverseGrain>("failover");
            await universe.ConfigureAsync(CoreMapping.ToSettings(Options), Models);
            await universe.AddInstrumentsAsync([.. data.Select(s => s.Instrument)]);

            var pushes = (Days + DaysPerPush - 1) / DaysPerPush;

            // The hardest silo to lose: the one running the universe (the coordinator of every push).
            var pushes0 = await universe.PushPricesAsync([.. data.Select(s => new InstrumentPrices(s.Instrument, [.. s.Bars.Take(DaysPerPush).Select(b => b.ToMessage())]))]);
            Assert.Equal(Instruments * Models.Length * (long)DaysPerPush, pushes0.PairUpdates);
            var coordinator = await management.GetActivationAddress(universe);
            var victim = silos.Single(s => s.SiloPort == coordinator!.Endpoint.Port);
            Task<TimeSpan>? detection = null;
            var retries = 0;
            for (var push = 0; push < pushes; push++)
            {
                var batch = data.Select(s => new InstrumentPrices(s.Instrument,
                    [.. s.Bars.Skip(push * DaysPerPush).Take(DaysPerPush).Select(b => b.ToMessage())])).ToArray();
                var sending = PushWithRetryAsync(universe, management, batch, () => Interlocked.Increment(ref retries));
                if (push == pushes / 2)
                {
                    // Midway, while this push is in flight.
                    await Task.Delay(30);
                    var killedAt = Stopwatch.StartNew();
                    victim.Kill();
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: SIGKILLed silo pid {victim.Id} (silo port {victim.SiloPort}) during push {push + 1}/{pushes}");
                    detection = DetectDeathAsync(management, victim.SiloPort, killedAt);
                }

                await sending;
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {pushes} pushes done ({retries} retried after failures)");
            Assert.NotNull(detection);
            var detected = await detection;
            output.WriteLine($"killed silo declared dead {detected.TotalSeconds:0.0} s after SIGKILL");

            // Every pair: same number of prices and forecasts, and every value bit-identical to the Core engine.
            var core = RollingEngine.Run(data, Models, Options);
            foreach (var run in core)
            {
                var pair = client.GetGrain<IInstrumentModelGrain>(PairKey.Of(run.Instrument, run.Model));
                var status = await pair.GetStatusAsync();
                Assert.Equal(Days, status.BarsSeen);
                Assert.Equal(run.Forecasts.Count, status.Forecasts);
                Bits.Identical(run.Forecasts, await GridReads.ForecastsAsync(pair, pageSize: 500), $"{run.Instrument}/{run.Model}");
            }

            var definition = await universe.GetDefinitionAsync();
            Assert.Equal(Instruments, definition.Instruments.Length);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {core.Count} pairs identical to the Core engine");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await DeleteKeysAsync(redis, clusterId);
        }
    }

    private async Task<PushResult> PushWithRetryAsync(IUniverseGrain universe, IManagementGrain management, InstrumentPrices[] batch, Action onRetry)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await WatchingSilosAsync(management, () => universe.PushPricesAsync(batch));
            }
            catch (Exception ex) when (ex is not RiskGridException && clock.Elapsed < RetryFor)
            {
                // A silo went away mid-call: the pairs that finished persisted, the rest did not; sending the
                // same batch again is safe because pairs skip the prices they already have.
                onRetry();
                output.WriteLine($"  push failed after {clock.Elapsed.TotalSeconds:0.0} s ({ex.GetType().Name}: {First(ex.Message)}); retrying");
                await Task.Delay(500);
            }
        }
    }

    // A call whose target silo dies never gets an answer (until the response timeout): give up on it as
    // soon as a silo that was active when it started has left the cluster.
    private static async Task<T> WatchingSilosAsync<T>(IManagementGrain management, Func<Task<T>> call)
    {
        HashSet<SiloAddress> before;
        try
        {
            before = (await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2))).Keys.ToHashSet();
        }
        catch (TimeoutException)
        {
            before = [];
        }

        var task = call();
        while (await Task.WhenAny(task, Task.Delay(1000)) != task)
        {
            try
            {
                var now = (await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(2))).Keys;
                var lost = before.Where(s => !now.Contains(s)).ToArray();
                if (lost.Length > 0)
                {
                    _ = task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    throw new SiloUnavailableException($"silo {string.Join(", ", lost.AsEnumerable())} left the cluster during the call");
                }
            }
            catch (TimeoutException)
            {
                // Membership unknown for now (the management grain may be moving too); keep waiting.
            }
        }

        return await task;
    }

    private static async Task<TimeSpan> DetectDeathAsync(IManagementGrain management, int siloPort, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: true);
                if (hosts.Count > 0 && hosts.Keys.All(h => h.Endpoint.Port != siloPort))
                {
                    return since.Elapsed;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The management grain may itself be moving off the dead silo; ask again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the silo on port {siloPort} was not declared dead within 60 s of SIGKILL");
    }

    private static async Task<IHost> ConnectAsync(string redis, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = RiskGridSiloBuilderExtensions.RedisConfiguration(redis))
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(60)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
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

    private static async Task DeleteKeysAsync(string redis, string clusterId)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pattern: $"*{clusterId}*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }

    private static string First(string message) => message.Split('\n')[0];
}
