using RiskGrid.Client.Sdk;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Mapping;
using RiskGrid.Grains.Redis;
using RiskGrid.Grid.Tests.TestSupport;
using Xunit.Abstractions;

namespace RiskGrid.Grid.Tests.Scaling;

/// <summary>Redis with a password: silos and clients take it as a configuration string or a redis:// URI and never print it.</summary>
public sealed class RedisCredentialsTests(ITestOutputHelper output)
{
    private const string Password = "s3cr:et@/x";

    [Theory]
    [InlineData("127.0.0.1:7000,password=pw,ssl=true,user=alice", "127.0.0.1:7000", "alice", "pw", true)]
    [InlineData("redis://alice:p%40ss@127.0.0.1:7001", "127.0.0.1:7001", "alice", "p@ss", false)]
    [InlineData("redis://:pw@localhost:7002/3", "localhost:7002", null, "pw", false)]
    [InlineData("rediss://cache.example:6380", "cache.example:6380", null, null, true)]
    [InlineData("redis://127.0.0.1", "127.0.0.1:6379", null, null, false)]
    public void Configuration_strings_and_uris_are_understood(string spec, string endpoint, string? user, string? password, bool ssl)
    {
        var c = RedisConnection.Parse(spec);
        Assert.Equal(endpoint, c.EndPoints.Single() switch { System.Net.DnsEndPoint d => $"{d.Host}:{d.Port}", System.Net.IPEndPoint i => $"{i.Address}:{i.Port}", var e => e.ToString() });
        Assert.Equal(user, c.User);
        Assert.Equal(password, c.Password);
        Assert.Equal(ssl, c.Ssl);
        if (password is not null)
        {
            Assert.DoesNotContain(password == "p@ss" ? "p%40ss" : password, RedisConnection.Redact(spec));
            Assert.Contains("***", RedisConnection.Redact(spec));
        }
    }

    [Fact]
    public void Malformed_specs_are_refused_without_showing_the_password()
    {
        var ex = Assert.Throws<ArgumentException>(() => ClusterAddress.Parse("redis://user:hunter2@/nohost"));
        Assert.DoesNotContain("hunter2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => RedisConnection.Parse("password=hunter2"));
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.Equal("redis://u:***@h:1 (cluster riskgrid)", ClusterAddress.Parse("redis://u:hunter2@h:1").ToString());
    }

    [RedisFact]
    public async Task A_silo_and_a_client_work_against_a_redis_that_requires_a_password_and_never_print_it()
    {
        // A Redis of our own with a password (the shared test Redis has none).
        var port = Ports.Free();
        await using var redis = ChildProcess.Start("redis-server",
            ["--bind", "127.0.0.1", "--port", $"{port}", "--save", "", "--appendonly", "no", "--requirepass", Password]);
        await redis.WaitForLineAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(20));

        var clusterId = $"riskgrid-auth-{Guid.NewGuid():N}"[..26];
        var (silo, ready) = await SiloExecutable.StartAsync("silo with a password",
            ["--redis", $"127.0.0.1:{port},password={Password}", "--cluster-id", clusterId, "--service-id", clusterId,
             "--silo-port", $"{Ports.Free()}", "--gateway-port", $"{Ports.Free()}", "--metrics-port", $"{Ports.Free()}", "--no-dashboard"],
            TimeSpan.FromSeconds(90));
        await using (silo)
        {
            output.WriteLine(ready);
            Assert.Contains("password=***", ready);
            Assert.DoesNotContain(Password, silo.Output);

            var uri = $"redis://default:{Uri.EscapeDataString(Password)}@127.0.0.1:{port}";
            var address = ClusterAddress.Parse(uri, clusterId, clusterId);
            Assert.DoesNotContain(Uri.EscapeDataString(Password), address.ToString());
            await using var connection = await RiskGridConnection.ConnectAsync(address, RiskGridClientOptions.Default);
            var options = new RollingOptions { Window = 60, Alphas = [0.99] };
            var series = TestSeries.Create("AUTH", 90, seed: 61);
            await connection.Client.DefineUniverseAsync("auth", CoreMapping.ToSettings(options), ["ewma"], ["AUTH"]);
            await connection.Client.PushSeriesAsync("auth", [series.ToMessage()]);
            var history = await connection.Client.GetForecastHistoryAsync("auth", "AUTH", "ewma");
            Bits.Identical(RollingEngine.RunPair(series, ModelCatalog.Create("ewma"), options).Forecasts, [.. history.Select(e => e.ToCore())], "AUTH/ewma");

            // The wrong password: a clear refusal that does not echo it.
            var wrong = ClusterAddress.Parse($"redis://default:wrong-one@127.0.0.1:{port}", clusterId, clusterId);
            var ex = await Record.ExceptionAsync(() => RiskGridConnection.ConnectAsync(wrong, RiskGridClientOptions.Default));
            Assert.NotNull(ex);
            output.WriteLine($"{ex.GetType().Name}: {ex.Message}");
            Assert.DoesNotContain("wrong-one", ex.Message);
        }
    }
}
