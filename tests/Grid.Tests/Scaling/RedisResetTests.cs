using System.Diagnostics;
using System.Net;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grid.Tests.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace RiskGrid.Grid.Tests.Scaling;

/// <summary>
/// Redis restarted under a running benchmark, with three silo processes on a redis-server of the test's own.
/// Without persistence (the store comes back empty): every silo refuses calls, says so on <c>/health/ready</c> and
/// stops with the fatal line and exit code 3; the run ends with the store-reset error (exit code 8), bounded in
/// time; nothing recreates the old cluster; silos started again form one cluster in which every grain has one
/// activation; and the run repeated with a reset equals the Core engine bit for bit. With the append-only file the
/// same restart is a pause: the run continues and its results equal the Core engine with no re-run.
/// </summary>
public sealed class RedisResetTests(ITestOutputHelper output)
{
    private const int Instruments = 6;
    private const int Days = 160;
    private const int DaysPerPush = 8;
    private const string Universe = "reset";
    private static readonly string[] Models = ["hs", "ewma"];
    private static readonly RollingOptions Options = new() { Window = 60, RefitEvery = 1, Alphas = [0.95, 0.99] };
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    [ToolFact("redis-server")]
    public async Task A_redis_restarted_empty_mid_run_stops_the_silos_ends_the_run_with_the_store_reset_error_and_a_rerun_with_reset_equals_the_core_engine()
    {
        await using var redis = await RedisServer.StartAsync("--appendonly", "no");
        await using var cluster = await ThreeSilos.StartAsync(redis, "riskgrid-reset", output);
        var (clusterId, clock, http, silos) = (cluster.ClusterId, cluster.Clock, cluster.Http, cluster.Silos);
        var (data, series) = Universe6();
        string generation;
        using (var store = await redis.ConnectAsync())
        {
            generation = (string?)await store.GetDatabase().StringGetAsync(StoreGeneration.KeyOf(clusterId))
                         ?? throw new InvalidOperationException("the silos wrote no store generation marker");
        }

        TimeSpan? restartedAt = null;
        var health = new List<Task<List<string>>>();
        var failure = await RunAsync(redis, clusterId, series, async () =>
        {
            await Task.Delay(30);
            await redis.RestartEmptyAsync();
            restartedAt = clock.Elapsed;
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: Redis restarted empty");
            health.AddRange(silos.Select(s => WatchHealthUntilExitAsync(http, s.Process, s.Metrics)));
        });
        var failedAt = clock.Elapsed;

        // The run ends with the store-reset error, within seconds of the restart: no hang, no silent continuation.
        Assert.NotNull(restartedAt);
        output.WriteLine($"{failedAt.TotalSeconds,6:0.0} s: the run failed: {failure?.GetType().Name}: {failure?.Message}");
        var reset = Assert.IsType<StoreResetException>(failure);
        Assert.StartsWith(StoreResetException.Summary, reset.Message);
        Assert.Equal((ExitCodes.StoreReset, $"error: {reset.Message}"), CliAction.Classify(reset));
        Assert.True(failedAt - restartedAt < TimeSpan.FromSeconds(20), $"the error came {(failedAt - restartedAt)!.Value.TotalSeconds:0.0} s after the restart");

        // Every silo said so on /health/ready (503, the reason), then stopped with the fatal line and exit code 3.
        foreach (var ((silo, _), answers) in silos.Zip(await Task.WhenAll(health)))
        {
            output.WriteLine($"silo {silo.SiloPort}: exited {silo.HasExited} with {(silo.HasExited ? silo.ExitCode : -1)}; health: {string.Join(" | ", answers.Distinct())}");
            Assert.True(silo.HasExited, $"silo {silo.SiloPort} kept running on the emptied store:\n{silo.Output}");
            Assert.Equal(3, silo.ExitCode);
            Assert.Contains("fatal: the cluster's store was reset", silo.Output);
            Assert.Contains(answers, a => a.StartsWith("503 not ready: the cluster's store was reset", StringComparison.Ordinal));
            Assert.DoesNotContain(answers.SkipWhile(a => !a.StartsWith("503", StringComparison.Ordinal)), a => a.StartsWith("200", StringComparison.Ordinal));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every silo stopped");
        using (var store = await redis.ConnectAsync())
        {
            // Nothing brought the old cluster back: no marker, no membership entry of an old silo.
            Assert.False(await store.GetDatabase().KeyExistsAsync(StoreGeneration.KeyOf(clusterId)));
            var members = await MembersAsync(store, clusterId);
            Assert.DoesNotContain(members, m => silos.Any(s => m.Contains($":{s.Process.SiloPort}:", StringComparison.Ordinal)));
        }

        // An orchestrator starts the silos again: one fresh cluster, a new marker.
        var restarted = await StartSilosAsync(redis, clusterId);
        silos.AddRange(restarted);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: 3 silos started again");
        using (var store = await redis.ConnectAsync())
        {
            var tables = await KeysAsync(store, redis, $"{clusterId}/members/*");
            Assert.Equal([$"{clusterId}/members/{clusterId}"], tables);
            var members = await MembersAsync(store, clusterId);
            Assert.Equal(restarted.Select(s => s.Process.SiloPort).Order(),
                members.Select(m => int.Parse(m.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Order());
            Assert.NotEqual(generation, (string?)await store.GetDatabase().StringGetAsync(StoreGeneration.KeyOf(clusterId)));
        }

        // A client still holding the old generation is refused by the fresh cluster too.
        await using (var late = await ConnectAsync(redis, clusterId))
        {
            RequestContext.Set(StoreGenerationContext.Key, generation);
            var refused = await Record.ExceptionAsync(() => late.Client.Cluster.GetGrain<IUniverseGrain>(Universe).GetDefinitionAsync());
            RequestContext.Clear();
            Assert.IsType<StoreResetException>(refused);
        }

        // The re-run with a reset: results identical to the Core engine.
        Assert.Null(await RunAsync(redis, clusterId, series, midway: null, reset: true));
        await using (var connection = await ConnectAsync(redis, clusterId))
        {
            await AssertEqualsCoreEngineAsync(connection.Client, data);
        }

        // One activation per grain: asked through every silo's gateway, the universe and each pair are in the same
        // place and hold the same prices.
        var places = new Dictionary<string, HashSet<string>>();
        foreach (var (silo, _) in restarted)
        {
            await using var gateway = await RiskGridConnection.ConnectAsync(ClusterAddress.Parse($"127.0.0.1:{silo.GatewayPort}", clusterId, clusterId));
            var management = gateway.Client.Cluster.GetGrain<IManagementGrain>(0);
            var universe = gateway.Client.Cluster.GetGrain<IUniverseGrain>(Universe);
            await universe.GetDefinitionAsync();
            Place(places, Universe, $"{await management.GetActivationAddress(universe)}");
            foreach (var run in data.SelectMany(s => Models.Select(m => (s.Instrument, Model: m))))
            {
                var status = await gateway.Client.GetPairStatusAsync(Universe, run.Instrument, run.Model);
                var pair = gateway.Client.Cluster.GetGrain<IInstrumentModelGrain>(PairKey.Of(Universe, run.Instrument, run.Model));
                Place(places, $"{run.Instrument}/{run.Model}", $"{await management.GetActivationAddress(pair)} holding {status.BarsSeen}");
            }
        }

        Assert.All(places, p => Assert.True(p.Value.Count == 1, $"{p.Key} answered from {string.Join(", ", p.Value)}"));
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {places.Count} grains, one activation each, through 3 gateways");
    }

    [ToolFact("redis-server")]
    public async Task A_redis_restarted_with_its_append_only_file_mid_run_is_a_pause_and_the_run_continues_to_results_equal_to_the_core_engine()
    {
        await using var redis = await RedisServer.StartAsync("--appendonly", "yes", "--appendfsync", "everysec");
        await using var cluster = await ThreeSilos.StartAsync(redis, "riskgrid-aof", output);
        var (clusterId, clock, http, silos) = (cluster.ClusterId, cluster.Clock, cluster.Http, cluster.Silos);
        var (data, series) = Universe6();
        using var before = await redis.ConnectAsync();
        var generation = (string?)await before.GetDatabase().StringGetAsync(StoreGeneration.KeyOf(clusterId));
        Assert.NotNull(generation);

        var restarted = false;
        Assert.Null(await RunAsync(redis, clusterId, series, async () =>
        {
            await Task.Delay(30);
            await redis.RestartKeepingDataAsync();
            restarted = true;
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: Redis restarted from its append-only file");
        }));
        Assert.True(restarted);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: the run finished");

        // Nothing stopped, nothing was reset: the same silos, ready, under the same marker; the results exact.
        foreach (var (silo, metrics) in silos)
        {
            Assert.False(silo.HasExited, $"silo {silo.SiloPort} stopped:\n{silo.Output}");
            Assert.StartsWith("200 ready", await WaitForReadyAsync(http, metrics));
        }

        using var after = await redis.ConnectAsync();
        Assert.Equal(generation, (string?)await after.GetDatabase().StringGetAsync(StoreGeneration.KeyOf(clusterId)));
        await using var connection = await ConnectAsync(redis, clusterId);
        await AssertEqualsCoreEngineAsync(connection.Client, data);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every pair identical to the Core engine");
    }

    /// <summary>Three silo processes on the test's redis-server, ready, in a cluster of their own; stopped when disposed
    /// (with any the test adds to <see cref="Silos"/>).</summary>
    private sealed class ThreeSilos : IAsyncDisposable
    {
        public required string ClusterId { get; init; }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(3) };

        public List<(SiloProcess Process, int Metrics)> Silos { get; } = [];

        public static async Task<ThreeSilos> StartAsync(RedisServer redis, string clusterPrefix, ITestOutputHelper output)
        {
            var run = new ThreeSilos { ClusterId = $"{clusterPrefix}-{Guid.NewGuid():N}"[..(clusterPrefix.Length + 13)] };
            try
            {
                run.Silos.AddRange(await StartSilosAsync(redis, run.ClusterId));
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }

            output.WriteLine($"{run.Clock.Elapsed.TotalSeconds,6:0.0} s: 3 silos ready");
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (silo, _) in Silos)
            {
                await silo.DisposeAsync();
            }

            Http.Dispose();
        }
    }

    private static (IReadOnlyList<PriceSeries> Data, InstrumentPrices[] Series) Universe6()
    {
        var data = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = Instruments, Days = Days, Seed = 5 });
        return (data, [.. data.Select(s => s.ToMessage())]);
    }

    // The benchmark's grid path: (reset,) define, upload in pushes; midway, `midway` runs while the next push is in flight.
    // Returns what the run failed with, or null.
    private async Task<Exception?> RunAsync(RedisServer redis, string clusterId, InstrumentPrices[] series, Func<Task>? midway, bool reset = false)
    {
        await using var connection = await ConnectAsync(redis, clusterId);
        var client = connection.Client;
        Task? during = null;
        var failure = await Record.ExceptionAsync(async () =>
        {
            if (reset)
            {
                await client.ResetUniverseAsync(Universe);
            }

            await client.DefineUniverseAsync(Universe, CoreMapping.ToSettings(Options), Models, [.. series.Select(s => s.Instrument)]);
            var pushes = (Days + DaysPerPush - 1) / DaysPerPush;
            var done = await client.PushSeriesAsync(Universe, series, new SynchronousProgress<PushProgress>(p =>
            {
                if (p.Pushes == pushes / 2 && midway is not null)
                {
                    during = midway();
                }
            }));
            output.WriteLine($"{done.Pushes} pushes, {done.Retries} resent");
        });
        if (during is not null)
        {
            await during;
        }

        return failure;
    }

    private static async Task AssertEqualsCoreEngineAsync(RiskGridClient client, IReadOnlyList<PriceSeries> data)
    {
        foreach (var run in RollingEngine.Run(data, Models, Options))
        {
            var status = await client.GetPairStatusAsync(Universe, run.Instrument, run.Model);
            Assert.Equal(Days, status.BarsSeen);
            var history = await client.GetForecastHistoryAsync(Universe, run.Instrument, run.Model);
            Bits.Identical(run.Forecasts, [.. history.Select(e => e.ToCore())], $"{run.Instrument}/{run.Model}");
        }
    }

    private static Task<RiskGridConnection> ConnectAsync(RedisServer redis, string clusterId) =>
        RiskGridConnection.ConnectAsync(ClusterAddress.Parse($"redis://{redis.Address}", clusterId, clusterId),
            new RiskGridClientOptions { DaysPerPush = DaysPerPush, RetryFor = RetryFor });

    private static async Task<(SiloProcess Process, int Metrics)[]> StartSilosAsync(RedisServer redis, string clusterId)
    {
        var silos = await SiloProcess.StartedTogetherAsync(Enumerable.Range(0, 3).Select(async _ =>
        {
            var metrics = Ports.Free();
            return (await SiloProcess.StartAsync(redis.Address, clusterId, SiloStart, "--fit-threads", "1", "--metrics-port", $"{metrics}", "--no-dashboard"), metrics);
        }), started => started.Item1);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var (_, metrics) in silos)
        {
            Assert.StartsWith("200 ready", await WaitForReadyAsync(http, metrics));
        }

        return silos;
    }

    private static async Task<string> WaitForReadyAsync(HttpClient http, int metrics)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            last = await HealthAsync(http, metrics);
            if (last.StartsWith("200", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }

        return last;
    }

    // Every answer of a silo's /health/ready, every 100 ms, until the process exits (at most 30 s).
    private static async Task<List<string>> WatchHealthUntilExitAsync(HttpClient http, SiloProcess silo, int metrics)
    {
        var answers = new List<string>();
        var clock = Stopwatch.StartNew();
        while (!silo.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            answers.Add(await HealthAsync(http, metrics));
            await Task.Delay(100);
        }

        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return answers;
    }

    private static async Task<string> HealthAsync(HttpClient http, int metrics)
    {
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{metrics}/health/ready");
            return $"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Trim()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"no answer ({ex.GetType().Name})";
        }
    }

    private static async Task<string[]> KeysAsync(ConnectionMultiplexer store, RedisServer redis, string pattern)
    {
        var keys = new List<string>();
        await foreach (var key in store.GetServer(redis.Address).KeysAsync(pattern: pattern))
        {
            keys.Add(key.ToString());
        }

        return [.. keys];
    }

    // The silo entries of the cluster's membership table (hash fields other than its version).
    private static async Task<string[]> MembersAsync(ConnectionMultiplexer store, string clusterId)
    {
        var fields = await store.GetDatabase().HashKeysAsync($"{clusterId}/members/{clusterId}");
        return [.. fields.Select(f => f.ToString()).Where(f => f != "Version")];
    }

    private static void Place(Dictionary<string, HashSet<string>> places, string grain, string where)
    {
        if (!places.TryGetValue(grain, out var set))
        {
            places[grain] = set = [];
        }

        set.Add(where);
    }
}
