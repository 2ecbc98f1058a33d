using System.Globalization;
using System.Text.RegularExpressions;
using RiskGrid.Client.Cli;
using RiskGrid.Core.Engine;
using RiskGrid.Ops.Tests.TestSupport;
using Spectre.Console;

namespace RiskGrid.Ops.Tests.Metrics;

/// <summary><c>riskgrid benchmark --metrics-port N --linger S</c>: the embedded silo's metrics while the run lasts and after it.</summary>
public sealed partial class BenchmarkMetricsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_embedded_silo_serves_every_pairs_backtests_and_lingers_after_the_report()
    {
        string[] models = ["hs", "ewma"];
        var settings = new BenchmarkSettings
        {
            Models = models,
            Rolling = new RollingOptions { Window = 100, Alphas = [0.95, 0.99] },
            SyntheticInstruments = 2,
            SyntheticDays = 260,
            OutputDirectory = _dir.File("out"),
        };
        var port = Ports.Free();
        var executor = new GridEngineExecutor(null, "metrics", 50, reset: false, metricsPort: port, linger: TimeSpan.FromMinutes(5));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, executor, CancellationToken.None, console));
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/metrics"), executor.MetricsUrl);

        // The run is reported; the silo still serves. Pairs publish on their 5-second tick: wait for the last one.
        var expected = 2 * models.Length;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string text;
        while (true)
        {
            text = await MeteredSiloFixture.Http.GetStringAsync(executor.MetricsUrl);
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
                    Assert.Matches($@"riskgrid_pair_var_percent\{{[^}}]*instrument=""{instrument}""[^}}]*\}} [0-9.]+", text);
                    Assert.Contains($"model=\"{model}\"", text);
                    Assert.Contains($"level=\"{level}\"", text);
                }
            }
        }

        // Ctrl-C (a cancelled token) ends the linger at once and stops the silo and its endpoint.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var linger = executor.LingerAsync(cancelled.Token);
        Assert.True(await Task.WhenAny(linger, Task.Delay(TimeSpan.FromSeconds(30))) == linger, "the linger did not end when cancelled");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => MeteredSiloFixture.Http.GetStringAsync(executor.MetricsUrl));
    }

    [GeneratedRegex(@"^riskgrid_pair_forecasts\{[^}]*\} ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex Forecasts();
}
