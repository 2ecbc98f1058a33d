using StackExchange.Redis;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>
/// A redis-server of a test's own (on a free loopback port, data in a temp folder), which the test may stop and
/// start again on the same port: with its append-only file (the data kept) or empty (a store reset).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string[] _settings;
    private readonly TempFolder _folder = new("riskgrid-redis-");
    private ChildProcess? _process;

    private RedisServer(int port, string[] settings)
    {
        Port = port;
        _settings = settings;
    }

    public int Port { get; }

    /// <summary>What silos and clients take (<c>--redis</c>, <c>redis://</c> after the scheme).</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts one with <paramref name="settings"/> (e.g. <c>--appendonly yes</c>); RDB snapshots are off.</summary>
    public static async Task<RedisServer> StartAsync(params string[] settings)
    {
        var server = new RedisServer(Ports.Free(), settings);
        await server.StartProcessAsync(server._folder.Path);
        return server;
    }

    /// <summary>SIGKILL, then a new server on the same port with an empty data folder: everything is gone.</summary>
    public async Task RestartEmptyAsync()
    {
        _process!.Kill();
        await _process.DisposeAsync();
        var empty = Path.Combine(_folder.Path, $"empty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(empty);
        await StartProcessAsync(empty);
    }

    /// <summary>SHUTDOWN (Redis flushes and fsyncs its append-only file), then a new server on the same folder, which loads it.</summary>
    public async Task RestartKeepingDataAsync()
    {
        var options = ConfigurationOptions.Parse(Address);
        options.AllowAdmin = true;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(options))
        {
            try
            {
                await connection.GetDatabase().ExecuteAsync("SHUTDOWN");
            }
            catch (RedisConnectionException)
            {
                // The server closes the connection as it goes.
            }
        }

        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await _process!.WaitForExitAsync(exited.Token);
        }

        await _process.DisposeAsync();
        await StartProcessAsync(_folder.Path);
    }

    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Address);
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _folder.Dispose();
    }

    private async Task StartProcessAsync(string folder)
    {
        _process = ChildProcess.Start(ToolFactAttribute.Require("redis-server"),
            ["--bind", "127.0.0.1", "--port", $"{Port}", "--save", "", "--dir", folder, .. _settings]);
        if (await _process.WaitForLineAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(20)) is null)
        {
            throw new InvalidOperationException($"redis-server on port {Port} did not start:\n{_process.Output}");
        }
    }
}
