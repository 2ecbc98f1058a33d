using System.Text.RegularExpressions;
using RiskGrid.Ops.Tests.TestSupport;

namespace RiskGrid.Ops.Tests.Metrics;

/// <summary><c>riskgrid benchmark --metrics-port N --linger D</c> (here from a <c>--config</c> file): the embedded silo's
/// metrics while the run lasts and after it, scraped from the real CLI process.</summary>
public sealed partial class BenchmarkMetricsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_cli_serves_every_pairs_backtests_during_the_linger_and_a_stop_request_ends_it()
    {
        var port = Ports.Free();
        var config = _dir.File("run.yaml");
        await File.WriteAllTextAsync(config, $"""
            models: [hs, ewma]
            window: 100
            instruments: 2
            days: 260
            metrics-port: {port}
            linger: 10m
            """);
        await using var cli = ChildProcess.StartDotnet(Repository.CliAssembly(),
            ["benchmark", "--config", config, "--out", _dir.File("out"), "--no-store"]);
        var url = new Uri($"http://127.0.0.1:{port}/metrics");
        await cli.WaitUntilReadyAsync("riskgrid benchmark", l => l.StartsWith($"serving metrics at {url} for 600s more", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120));
        Assert.Contains("Key Results", cli.Stdout); // the run is reported before the linger

        // Pairs publish on their 5-second tick: wait for the last one.
        string[] models = ["hs", "ewma"];
        var expected = 2 * models.Length;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string text;
        while (true)
        {
            text = await MeteredSiloFixture.Http.GetStringAsync(url);
            // 260 prices, a 100-return window: 159 realised forecasts and one pending per pair.
            var published = Forecasts().Matches(text).Count(m => m.Groups[1].Value == "160");
            if (published == expected)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{published} of {expected} pairs published after 60 s:\n{text}");
            await Task.Delay(500);
        }

        foreach (var instrument in new[] { "SYN01", "SYN02" })
        {
            foreach (var model in models)
            {
                foreach (var level in new[] { "0.95", "0.99" })
                {
                    var labels = $@"[^}}]*instrument=""{instrument}""[^}}]*model=""{model}""[^}}]*level=""{level}""[^}}]*";
                    Assert.Matches($@"riskgrid_pair_var_percent\{{{labels}\}} [0-9.]+", text);
                    Assert.Matches($@"riskgrid_pair_traffic_light_zone\{{{labels}\}} [0-2]", text);
                }
            }
        }

        // A stop request ends the linger at once and the endpoint with it: SIGTERM here, as `docker stop` sends (Ctrl-C's
        // SIGINT does the same, exit code 0, but a process started from a non-interactive shell's background job
        // inherits it ignored). Before the embedded host stopped taking the process's signals, this hung.
        Assert.Equal(0, (await Tools.RunAsync("kill", ["-TERM", $"{cli.Id}"])).Code);
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await cli.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"riskgrid still running 30 s after SIGTERM:\n{cli.Output}");
            }
        }

        Assert.True(cli.ExitCode is 0 or 143, $"exit {cli.ExitCode}:\n{cli.Output}"); // 143: ended by SIGTERM
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => MeteredSiloFixture.Http.GetStringAsync(url));
    }

    [GeneratedRegex(@"^riskgrid_pair_forecasts\{[^}]*\} ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex Forecasts();
}
