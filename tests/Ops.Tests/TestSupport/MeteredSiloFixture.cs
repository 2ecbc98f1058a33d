using RiskGrid.Client.Sdk;
using RiskGrid.Core.Data;
using RiskGrid.Grains.Abstractions;
using RiskGrid.Grains.Mapping;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>
/// A silo process that has done real work through its client gateway: a universe of three synthetic
/// instruments × three models at two levels, pushed day by day in batches, one refused price, a summary
/// read; ready once its <c>/metrics</c> shows every pair's backtests.
/// </summary>
public sealed class MeteredSiloFixture : IAsyncLifetime
{
    public static readonly string[] Models = ["hs", "normal", "ewma"];
    public static readonly double[] Levels = [0.95, 0.99];
    public const int Instruments = 3;

    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The portfolio "book" (SYN01 0.6, SYN02 0.4, ewma) after the work, as the grid reports it.</summary>
    public PortfolioStatus Portfolio { get; private set; } = null!;

    /// <summary>The silo's <c>/metrics</c> text after the work.</summary>
    public string MetricsText { get; private set; } = "";

    public static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync();
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = Instruments, Days = 300 });
        var series = universe.Select(s => s.ToMessage()).ToList();
        await using (var connection = await RiskGridConnection.ConnectAsync(
                         ClusterAddress.Parse($"127.0.0.1:{Silo.GatewayPort}", clusterId: Silo.ClusterId)))
        {
            var client = connection.Client;
            await client.DefineUniverseAsync("ops", new RollingSettings(100, 1, Levels), Models, [.. series.Select(s => s.Instrument)]);
            // A portfolio of the first two instruments, so that its routes' metrics are published too.
            await client.AddPortfolioAsync("ops", "book", [new PortfolioWeight(series[0].Instrument, 0.6), new PortfolioWeight(series[1].Instrument, 0.4)], "ewma");
            await client.PushSeriesAsync("ops", series);
            var last = series[0].Prices[^1].Date;
            await Assert.ThrowsAsync<PriceRejectedException>(() =>
                client.PushAsync("ops", [new InstrumentPrices(series[0].Instrument, [DailyPrice.FromClose(last.AddDays(1), -5)])]));
            await client.GetUniverseSummaryAsync("ops");
            Portfolio = await client.GetPortfolioAsync("ops", "book");
        }

        // Pairs publish their backtests on a 1-second tick (--RiskGrid:Metrics:PairPublishInterval).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            MetricsText = await Http.GetStringAsync(Silo.MetricsUrl);
            // 300 prices, a 100-return window: 200 forecasts per pair once the last push is published.
            var published = MetricsText.Split('\n').Count(l => l.StartsWith("riskgrid_pair_forecasts{", StringComparison.Ordinal) && l.EndsWith(" 200", StringComparison.Ordinal));
            if (published == Instruments * Models.Length)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{published} pairs published after 60 s:\n{MetricsText}\n{Silo.Output}");
            }

            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
