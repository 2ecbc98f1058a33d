using System.Diagnostics;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Grains;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.GridBench;

/// <summary>One run of the benchmark's work through a grid: backfill in multi-day pushes, then the
/// last days one push per day, then a bit-for-bit check against the Core engine's results.</summary>
public static class GridRun
{
    public static async Task<(TimeSpan Backfill, TimeSpan Live)> RunAsync(IClusterClient client, IReadOnlyList<PriceSeries> data,
        IReadOnlyList<string> models, RollingOptions options, BenchOptions bench, IReadOnlyList<PairRun> core)
    {
        // Pairs are keyed by instrument and model across the grid: every run gets instruments of its own.
        var run = $"r{Guid.NewGuid():N}"[..9] + ".";
        data = [.. data.Select(s => PriceSeries.Create(run + s.Instrument, s.Source, s.Bars))];
        var universe = client.GetGrain<IUniverseGrain>($"bench-{run}");
        await universe.ConfigureAsync(CoreMapping.ToSettings(options), [.. models]);
        await universe.AddInstrumentsAsync([.. data.Select(s => s.Instrument)]);
        var days = data[0].Count;
        var liveFrom = days - bench.LiveDays;

        var clock = Stopwatch.StartNew();
        for (var start = 0; start < liveFrom; start += bench.DaysPerPush)
        {
            await universe.PushPricesAsync(Batch(data, start, Math.Min(bench.DaysPerPush, liveFrom - start)));
        }

        var backfill = clock.Elapsed;
        clock.Restart();
        for (var day = liveFrom; day < days; day++)
        {
            await universe.PushPricesAsync(Batch(data, day, 1));
        }

        var live = clock.Elapsed;
        await VerifyAsync(client, run, core);
        return (backfill, live);
    }

    private static InstrumentPrices[] Batch(IReadOnlyList<PriceSeries> data, int start, int count) =>
        [.. data.Select(s => new InstrumentPrices(s.Instrument, [.. s.Bars.Skip(start).Take(count).Select(b => b.ToMessage())]))];

    // The grid's results must equal the Core engine's to the last bit; a benchmark of wrong results is worthless.
    private static async Task VerifyAsync(IClusterClient client, string prefix, IReadOnlyList<PairRun> core)
    {
        foreach (var run in core)
        {
            var pair = client.GetGrain<IInstrumentModelGrain>(PairKey.Of(prefix + run.Instrument, run.Model));
            var page = await pair.GetForecastsAsync(0, int.MaxValue);
            if (page.Total != run.Forecasts.Count)
            {
                throw new InvalidOperationException($"{run.Instrument}/{run.Model}: {page.Total} forecasts in the grid, {run.Forecasts.Count} in the engine");
            }

            for (var i = 0; i < page.Entries.Length; i++)
            {
                var (g, c) = (page.Entries[i], run.Forecasts[i]);
                if (!Same(g.VaR, c.VaR) || !Same(g.ES, c.ES) || !Same([g.Realized], [c.Realized]))
                {
                    throw new InvalidOperationException($"{run.Instrument}/{run.Model}: forecast {i} differs from the Core engine");
                }
            }
        }
    }

    private static bool Same(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
}
