using System.Buffers.Binary;
using RiskGrid.Client.Output;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Report;
using RiskGrid.Core.Engine;
using SkiaSharp;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Report;

public sealed class HtmlReportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Benchmark_writes_one_self_contained_page_with_the_runs_header_and_one_model_pngs()
    {
        string[] models = ["hs", "normal", "ewma"];
        var settings = new BenchmarkSettings
        {
            Models = models,
            Rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] },
            SyntheticInstruments = 5,
            SyntheticDays = 420,
            OutputDirectory = _dir.File("out"),
            StorePath = _dir.File("runs.db"),
        };

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));

        var html = await File.ReadAllTextAsync(Path.Combine(settings.OutputDirectory, HtmlReportWriter.ReportFile));
        Assert.Contains("<h2>Key Results</h2>", html);
        foreach (var model in models)
        {
            Assert.Contains($"<td class=\"l\">{model}</td>", html); // a Key Results row per model
        }

        // The header: the id the store gave (the page is rewritten once recorded), code version, data hash, parameters.
        using (var store = RiskGrid.Client.Store.RunStore.Open(settings.StorePath))
        {
            var run = store.Get(1)!;
            Assert.Contains("<th class=\"l\">run</th><td>1 (riskgrid runs show 1)</td>", html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(run.CodeVersion), html);
            Assert.Contains("sha256:" + run.DatasetHash, html);
        }

        Assert.Contains("--window 250", html);
        Assert.Contains("forecasts.csv", html);
        // Self-contained: the library and the data inlined; no image, script or style from a file or another host.
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("plotly.js (basic - minified) v3.1.0", html);
        Assert.Contains("<script type=\"application/json\" id=\"riskgrid-data\">", html);

        // The static PNGs: exceptions per model, then per shown instrument (4 of 5) one model's VaR and traffic light.
        var plotted = HtmlReportWriter.PlottedModel(BenchmarkReport.Build(
            await new CoreEngineExecutor().RunAsync(DataSources.Load(settings), settings, new Progress<EngineProgress>(), CancellationToken.None),
            settings.Rolling.Alphas));
        var images = Directory.GetFiles(Path.Combine(settings.OutputDirectory, HtmlReportWriter.PlotsFolder), "*.png").Order().ToList();
        Assert.Equal(1 + 2 * HtmlReportWriter.MaxInstrumentCharts, images.Count);
        Assert.All(images.Where(i => !i.EndsWith("exceptions-by-model.png", StringComparison.Ordinal)),
            i => Assert.EndsWith($"-{plotted}.png", i, StringComparison.Ordinal));
        foreach (var path in images)
        {
            Assert.Contains(Path.GetFileName(path), html); // linked from the page
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            Assert.Equal(ReportPlots.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16))); // IHDR
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.NotNull(bitmap);
            Assert.Equal((ReportPlots.Width, ReportPlots.Height), (bitmap.Width, bitmap.Height));
            Assert.True(Colours(bitmap) > 5, $"{path} looks blank");
        }
    }

    [Fact]
    public void The_vendored_plotly_is_the_pinned_file()
    {
        var path = Repository.Path("src", "Client", "Report", "Vendor", "plotly-basic.min.js");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Contains(sha, File.ReadAllText(Repository.Path("src", "Client", "Report", "Vendor", "README.md")));
        Assert.Equal(File.ReadAllText(path), ReportAssets.Plotly); // what the page inlines
    }

    // Expected bounds: R's qbinom(c(0.025, 0.975), n, 1 − α), the same definition (smallest k with F(k) ≥ q).
    [Theory]
    [InlineData(250, 0.99, 2.5, 0, 6)]
    [InlineData(1000, 0.95, 50.0, 37, 64)]
    [InlineData(10, 0.5, 5.0, 2, 8)]
    public void Exception_band_is_the_central_binomial_interval(int days, double alpha, double expected, int lower, int upper)
    {
        var band = ExceptionBand.For(days, alpha);
        Assert.Equal(expected, band.Expected, 10);
        Assert.Equal((lower, upper), (band.Lower, band.Upper));
    }

    // Distinct colours on a sparse grid: a chart with lines, bands and text has many; a blank image has one.
    private static int Colours(SKBitmap bitmap)
    {
        var seen = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 7)
        {
            for (var x = 0; x < bitmap.Width; x += 7)
            {
                seen.Add(bitmap.GetPixel(x, y));
            }
        }

        return seen.Count;
    }
}
