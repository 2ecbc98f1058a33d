using System.Buffers.Binary;
using System.Text.RegularExpressions;
using RiskGrid.Client.Cli;
using RiskGrid.Client.Report;
using RiskGrid.Core.Engine;
using SkiaSharp;
using Spectre.Console.Testing;

namespace RiskGrid.Client.Tests.Report;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Benchmark_writes_a_report_naming_every_model_with_decodable_charts()
    {
        string[] models = ["hs", "normal", "ewma"];
        var settings = new BenchmarkSettings
        {
            Models = models,
            Rolling = new RollingOptions { Window = 250, Alphas = [0.95, 0.99] },
            SyntheticInstruments = 5,
            SyntheticDays = 420,
            OutputDirectory = _dir.File("out"),
        };

        Assert.Equal(ExitCodes.Ok, await BenchmarkRunner.RunAsync(settings, new CoreEngineExecutor(), CancellationToken.None, new TestConsole()));

        var html = await File.ReadAllTextAsync(Path.Combine(settings.OutputDirectory, HtmlReportWriter.ReportFile));
        Assert.Contains("<h2>Key Results</h2>", html);
        foreach (var model in models)
        {
            Assert.Contains($"<td class=\"l\">{model}</td>", html); // a Key Results row per model
        }

        Assert.Contains("first 4 of 5 instruments", html);
        Assert.Contains("forecasts.csv", html);
        var images = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(1 + 2 * HtmlReportWriter.MaxInstrumentCharts, images.Count); // exceptions + (VaR, traffic light) per shown instrument
        foreach (var image in images)
        {
            var path = Path.Combine(settings.OutputDirectory, Uri.UnescapeDataString(image));
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

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();
}
