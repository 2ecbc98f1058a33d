using System.Diagnostics;
using System.Globalization;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.LstmBench;
using RiskGrid.Models.Lstm;

// LSTM training-time benchmark: one instrument, default architecture (1×32, 20 days), 1000-return
// window. Prints time per epoch (fixed-epoch runs), per fresh training and per warm-started retrain
// (early stopping), per daily forecast, and a short rolling run. Usage:
//   dotnet run -c Release --project bench/LstmBench [-- path/to/prices.csv] [--device cpu|cuda|auto]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var device = LstmDevice.Cpu;
string? path = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--device" && i + 1 < args.Length)
    {
        device = Enum.Parse<LstmDevice>(args[++i], ignoreCase: true);
    }
    else
    {
        path = args[i];
    }
}

var series = LoadSeries(path);
Console.WriteLine($"instrument {series.Instrument}: {series.Count} bars from {series.Source}");
Console.WriteLine(LstmDevices.Describe(device));
Console.WriteLine($"runtime {Environment.Version}, {Environment.ProcessorCount} cores, Release build: {IsRelease()}");

const int window = 1000;
var settings = new ModelSettings { LstmDevice = device };
var model = new LstmRiskModel(settings);
if (device == LstmDevice.Cuda && !LstmDevices.Describe(device).Contains("cuda (", StringComparison.Ordinal))
{
    Console.WriteLine("CUDA: not run (no CUDA build or no GPU)");
    return;
}

var returns = Returns.Percent(series);
var bars = series.Bars.ToArray();
ModelWindow WindowAt(int origin) =>
    new(returns[(origin - window)..origin], bars[(origin - window - model.HistoryPadding)..(origin + 1)]);

// A later window than the first possible one, and a retrain 250 days after it.
var origin0 = bars.Length - 1 - 2 * 250;
var origin1 = origin0 + 250;

// Warm-up: loads libtorch and JITs the training path (not timed).
new LstmRiskModel(settings with { LstmEpochs = 1 }).Fit(WindowAt(origin0), null);

Console.WriteLine();
Console.WriteLine($"architecture {settings.LstmLayers}×{settings.LstmHiddenSize}, sequence {settings.LstmSequenceLength} days, " +
                  $"batch {settings.LstmBatchSize}, window {window} returns ({window - (int)Math.Round(window * settings.LstmValidationFraction)} train + " +
                  $"{(int)Math.Round(window * settings.LstmValidationFraction)} validation sequences), threads {settings.LstmThreads}");

const int fixedEpochs = 10;
var fixedModel = new LstmRiskModel(settings with { LstmEpochs = fixedEpochs, LstmPatience = int.MaxValue });
var perEpoch = new List<double>();
for (var rep = 0; rep < 3; rep++)
{
    var (fit, seconds) = Time(() => fixedModel.Fit(WindowAt(origin0), null));
    perEpoch.Add(seconds / fit.Iterations);
}

Console.WriteLine($"time per epoch ({fixedEpochs}-epoch fits, 3 runs): median {Median(perEpoch) * 1000:F0} ms (min {perEpoch.Min() * 1000:F0}, max {perEpoch.Max() * 1000:F0})");

var (fresh, freshSeconds) = Time(() => model.Fit(WindowAt(origin0), null));
Console.WriteLine($"fresh training (early stopping): {freshSeconds:F2} s, {fresh.Iterations} epochs ({freshSeconds / fresh.Iterations * 1000:F0} ms/epoch) | {fresh.Message}");
var (warm, warmSeconds) = Time(() => model.Fit(WindowAt(origin1), fresh));
Console.WriteLine($"retrain 250 days later, warm start: {warmSeconds:F2} s, {warm.Iterations} epochs | {warm.Message}");
var (cold, coldSeconds) = Time(() => new LstmRiskModel(settings with { LstmWarmStart = false }).Fit(WindowAt(origin1), fresh));
Console.WriteLine($"retrain 250 days later, from scratch: {coldSeconds:F2} s, {cold.Iterations} epochs | {cold.Message}");

var clock = Stopwatch.StartNew();
const int forecasts = 250;
for (var d = 0; d < forecasts; d++)
{
    model.Forecast(WindowAt(origin1 - forecasts + d), fresh, [0.95, 0.99]);
}

Console.WriteLine($"forecast (features over {window + 1 + model.HistoryPadding} bars + one network pass): {clock.Elapsed.TotalMilliseconds / forecasts:F2} ms per day");

// The rolling kernel as the engine and the grains run it: 500 forecasts, a retrain every 250.
var tail = PriceSeries.Create(series.Instrument, series.Source,
    series.Bars.Skip(series.Count - (window + 1 + model.HistoryPadding + 500)).ToArray());
clock.Restart();
var run = RollingEngine.RunPair(tail, new LstmRiskModel(settings), new RollingOptions { Window = window, Alphas = [0.95, 0.99] });
var fits = run.Forecasts.Count(f => f.Refitted);
Console.WriteLine($"rolling run: {run.Forecasts.Count} forecasts, {fits} trainings, {clock.Elapsed.TotalSeconds:F1} s total " +
                  $"({run.FitTime.TotalSeconds:F1} s training, {run.FitTime.TotalSeconds / fits:F2} s per retrain)");
Console.WriteLine("CUDA: not run (CPU libtorch build; no GPU on this machine)");

static (ModelFit Fit, double Seconds) Time(Func<ModelFit> fit)
{
    var clock = Stopwatch.StartNew();
    var result = fit();
    if (!result.IsUsable)
    {
        throw new InvalidOperationException($"fit failed: {result.Message}");
    }

    return (result, clock.Elapsed.TotalSeconds);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static bool IsRelease() =>
    typeof(ModelFit).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

static PriceSeries LoadSeries(string? path)
{
    path ??= FindShared("data/sp500.csv");
    if (path is not null && File.Exists(path))
    {
        return YahooCloses.Read(path, Path.GetFileNameWithoutExtension(path).ToUpperInvariant());
    }

    Console.WriteLine("sp500.csv not found beside the repository: using a seeded synthetic GARCH(1,1) series");
    return SyntheticGarch(3000, 42);
}

static string? FindShared(string relative)
{
    var env = Environment.GetEnvironmentVariable("RISKGRID_SHARED");
    if (!string.IsNullOrEmpty(env))
    {
        return Path.Combine(env, relative);
    }

    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
        {
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relative));
        }
    }

    return null;
}

static PriceSeries SyntheticGarch(int n, int seed)
{
    var random = new Random(seed);
    var bars = new PriceBar[n + 1];
    var date = new DateOnly(2000, 1, 3);
    var price = 100.0;
    var variance = 1.0;
    var previous = 0.0;
    bars[0] = PriceBar.FromClose(date, price);
    for (var t = 1; t <= n; t++)
    {
        variance = 0.05 + 0.10 * previous * previous + 0.85 * variance;
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        previous = Math.Sqrt(variance) * z;
        price *= 1 + previous / 100;
        date = date.AddDays(1);
        bars[t] = PriceBar.FromClose(date, price);
    }

    return PriceSeries.Create("SYN-GARCH", $"synthetic(seed={seed})", bars);
}
