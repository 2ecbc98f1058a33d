using System.Text.Json;
using RiskGrid.Core.Data;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Features;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Models.Lstm.Tests;

/// <summary>Contract tests on a tiny network (8 hidden units, 10 days, a few epochs) so each takes about a second.</summary>
public sealed class LstmRiskModelTests
{
    private const int Window = 300;

    private static readonly ModelSettings Small = new()
    {
        LstmHiddenSize = 8,
        LstmSequenceLength = 10,
        LstmEpochs = 4,
        LstmDevice = LstmDevice.Cpu,
    };

    [Fact]
    public void A_fit_persisted_and_loaded_predicts_identically()
    {
        var data = LstmTestData.Make(Small, Window, extra: 5);
        var fit = data.Model.Fit(data.WindowAt(data.FirstOrigin), null);
        Assert.True(fit.IsUsable, fit.Message);

        // What a grain does: serialise the fit, reactivate, and forecast with a fresh model instance.
        var restored = RoundTrip(fit);
        Assert.Equal(fit.Blob, restored.Blob);
        var reloaded = new LstmRiskModel(Small);
        double[] alphas = [0.95, 0.98, 0.99];
        for (var origin = data.FirstOrigin; origin <= data.FirstOrigin + 5; origin++)
        {
            var window = data.WindowAt(origin);
            Assert.Equal(data.Model.Forecast(window, fit, alphas), reloaded.Forecast(window, restored, alphas));
        }
    }

    [Fact]
    public void The_same_seed_gives_identical_weights_and_forecasts_and_another_seed_does_not()
    {
        var data = LstmTestData.Make(Small, Window);
        var window = data.WindowAt(data.FirstOrigin);
        var first = new LstmRiskModel(Small).Fit(window, null);
        var second = new LstmRiskModel(Small).Fit(window, null);
        var otherSeed = new LstmRiskModel(Small with { LstmSeed = 7 }).Fit(window, null);

        Assert.Equal(first.Blob, second.Blob);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(data.Model.Forecast(window, first, [0.99]), data.Model.Forecast(window, second, [0.99]));
        Assert.NotEqual(first.Blob, otherSeed.Blob);
    }

    [Fact]
    public void A_retrain_starts_from_the_previous_weights_reproducibly()
    {
        var data = LstmTestData.Make(Small, Window, extra: 30);
        var first = data.Model.Fit(data.WindowAt(data.FirstOrigin), null);
        var later = data.WindowAt(data.FirstOrigin + 30);
        var warm = data.Model.Fit(later, first);
        var again = new LstmRiskModel(Small).Fit(later, first);
        var cold = new LstmRiskModel(Small with { LstmWarmStart = false }).Fit(later, first);

        Assert.Contains("warm start", warm.Message);
        Assert.Contains("fresh weights", cold.Message);
        Assert.Contains("fresh weights", first.Message);
        Assert.Equal(warm.Blob, again.Blob);
        Assert.NotEqual(warm.Blob, cold.Blob);
    }

    [Fact]
    public void Es_is_at_least_var_and_var_rises_with_the_level_including_interpolated_levels()
    {
        var data = LstmTestData.Make(Small, Window, extra: 20);
        var fit = data.Model.Fit(data.WindowAt(data.FirstOrigin), null);
        double[] alphas = [0.95, 0.96, 0.975, 0.98, 0.985, 0.99];
        for (var origin = data.FirstOrigin; origin <= data.FirstOrigin + 20; origin += 5)
        {
            var f = data.Model.Forecast(data.WindowAt(origin), fit, alphas);
            for (var k = 0; k < alphas.Length; k++)
            {
                Assert.Equal(alphas[k], f[k].Alpha);
                Assert.True(f[k].VaR > 0, $"VaR {f[k].VaR}");
                Assert.True(f[k].ES >= f[k].VaR, $"ES {f[k].ES} < VaR {f[k].VaR} at {alphas[k]}");
                if (k > 0)
                {
                    Assert.True(f[k].VaR > f[k - 1].VaR, $"VaR falls from {alphas[k - 1]} to {alphas[k]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.9)]
    [InlineData(0.5)]
    public void A_level_outside_the_trained_range_is_refused_by_name(double alpha)
    {
        var data = LstmTestData.Make(Small, Window);
        var fit = data.Model.Fit(data.WindowAt(data.FirstOrigin), null);
        Assert.False(data.Model.Supports(alpha));
        var ex = Assert.Throws<ArgumentException>(() => data.Model.Forecast(data.WindowAt(data.FirstOrigin), fit, [0.99, alpha]));
        Assert.Contains("trained: 0.95, 0.975, 0.99", ex.Message);
    }

    [Fact]
    public void Levels_between_heads_are_interpolated_linearly_in_the_normal_quantile()
    {
        // Heads that are exactly affine in z = Φ⁻¹(α) are reproduced exactly at any level in between.
        double[] levels = [0.95, 0.975, 0.99];
        var z = levels.Select(StandardNormal.Quantile).ToArray();
        var var = z.Select(x => 0.3 + 1.2 * x).ToArray();
        var es = z.Select(x => 0.5 + 1.4 * x).ToArray();
        foreach (var alpha in new[] { 0.955, 0.97, 0.98, 0.9899 })
        {
            var (v, e) = LstmRiskModel.AtLevel(levels, var, es, alpha);
            var za = StandardNormal.Quantile(alpha);
            Assert.Equal(0.3 + 1.2 * za, v, 12);
            Assert.Equal(0.5 + 1.4 * za, e, 12);
        }

        Assert.Equal((var[1], es[1]), LstmRiskModel.AtLevel(levels, var, es, 0.975));
    }

    [Fact]
    public void Standardisation_uses_the_training_part_of_the_window_only()
    {
        var data = LstmTestData.Make(Small, Window);
        var bars = data.WindowAt(data.FirstOrigin).Bars.ToArray();
        var offset = data.Model.HistoryPadding;
        var window = new ModelWindow(ReturnsOf(bars, offset), bars);
        var fit = data.Model.Fit(window, null);

        // Every return of the window is a target (the padding covers warm-up and one sequence);
        // the newest 20% are validation, the rest train, and only those rows may enter the means.
        var rows = MarketFeatures.Compute(bars);
        var trainCount = Window - (int)Math.Round(Window * Small.LstmValidationFraction);
        for (var j = 0; j < MarketFeatures.Count; j++)
        {
            var mean = Enumerable.Range(offset, trainCount).Average(b => rows[b][j]);
            Assert.Equal(mean, fit.Parameters[1 + j], 9);
        }

        // Prices inside the validation tail do not move the statistics.
        var shocked = (PriceBar[])bars.Clone();
        for (var b = shocked.Length - 20; b < shocked.Length; b++)
        {
            shocked[b] = PriceBar.FromClose(shocked[b].Date, shocked[b].Close * 1.3);
        }

        var refit = data.Model.Fit(new ModelWindow(ReturnsOf(shocked, offset), shocked), null);
        Assert.Equal(fit.Parameters, refit.Parameters);

        // …while a training-day price does.
        var early = (PriceBar[])bars.Clone();
        early[offset + 50] = PriceBar.FromClose(early[offset + 50].Date, early[offset + 50].Close * 1.3);
        Assert.NotEqual(fit.Parameters, data.Model.Fit(new ModelWindow(ReturnsOf(early, offset), early), null).Parameters);
    }

    private static double[] ReturnsOf(PriceBar[] bars, int offset) =>
        [.. Enumerable.Range(offset, bars.Length - 1 - offset).Select(b => Returns.Percent(bars[b].Close, bars[b + 1].Close, ReturnKind.Simple))];

    [Fact]
    public void A_fit_without_bars_or_with_too_few_sequences_fails_clearly()
    {
        var model = new LstmRiskModel(Small);
        var noBars = model.Fit(ModelWindow.OfReturns(Series.NoisyReturns(300, 1)), null);
        Assert.Equal(FitStatus.Failed, noBars.Status);
        Assert.Contains("needs the window's bars", noBars.Message);

        var bars = Series.FromReturns("S", Series.NoisyReturns(120, 1)).Bars.ToArray();
        var returns = Returns.Percent(bars.Select(b => b.Close).ToArray());
        var tooFew = model.Fit(new ModelWindow(returns, bars), null);
        Assert.Equal(FitStatus.Failed, tooFew.Status);
        Assert.Contains("usable training sequences", tooFew.Message);
    }

    [Fact]
    public void Cuda_in_a_cpu_build_is_refused_with_the_reason_and_auto_chooses_the_cpu()
    {
        Assert.False(LstmDevices.IsCudaBuild);
        Assert.Contains("cpu", LstmDevices.Describe(LstmDevice.Auto));
        var data = LstmTestData.Make(Small, Window);
        var fit = new LstmRiskModel(Small with { LstmDevice = LstmDevice.Cuda }).Fit(data.WindowAt(data.FirstOrigin), null);
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("cuda requested but unavailable", fit.Message);
        var auto = new LstmRiskModel(Small with { LstmDevice = LstmDevice.Auto }).Fit(data.WindowAt(data.FirstOrigin), null);
        Assert.StartsWith("lstm device: cpu (auto", auto.Message);
    }

    [Fact]
    public void A_fit_of_another_architecture_is_refused()
    {
        var data = LstmTestData.Make(Small, Window);
        var fit = data.Model.Fit(data.WindowAt(data.FirstOrigin), null);
        var wider = new LstmRiskModel(Small with { LstmHiddenSize = 9 });
        var ex = Assert.Throws<ArgumentException>(() => wider.Forecast(data.WindowAt(data.FirstOrigin), fit, [0.99]));
        Assert.Contains("trained as 1×8", ex.Message);
    }

    [Fact]
    public void The_catalog_creates_lstm_once_registered_but_never_runs_it_by_default()
    {
        LstmCatalog.Register();
        LstmCatalog.Register(); // idempotent: the CLI and an embedded silo both register
        Assert.Single(ModelCatalog.Names, n => n == "lstm");
        var model = ModelCatalog.Create("lstm", new ModelSettings { LstmRetrain = 120, LstmSequenceLength = 15 });
        Assert.IsType<LstmRiskModel>(model);
        Assert.Equal(120, model.RefitInterval);
        Assert.Equal(MarketFeatures.WarmUp + 14, model.HistoryPadding);
        Assert.Contains("lstm", ModelCatalog.Names);
        Assert.DoesNotContain("lstm", ModelCatalog.DefaultNames);
        Assert.Contains("hs", ModelCatalog.DefaultNames);
        Assert.All(ModelCatalog.DefaultNames, name => Assert.Contains(name, ModelCatalog.Names));

        // Training wants a GPU silo unless pinned to the CPU; no other model asks for one.
        Assert.True(model.WantsAccelerator);
        Assert.True(ModelCatalog.Create("lstm", new ModelSettings { LstmDevice = LstmDevice.Cuda }).WantsAccelerator);
        Assert.False(ModelCatalog.Create("lstm", new ModelSettings { LstmDevice = LstmDevice.Cpu }).WantsAccelerator);
        Assert.All(ModelCatalog.DefaultNames, name => Assert.False(ModelCatalog.Create(name).WantsAccelerator, name));
    }

    [Fact]
    public void A_rolling_pair_retrains_on_schedule_and_a_resumed_pair_continues_exactly()
    {
        var settings = Small with { LstmRetrain = 40, LstmEpochs = 2 };
        var options = new RollingOptions { Window = 260, Alphas = [0.95, 0.99] };
        var (returns, _) = new GarchSimulator(0.05, 0.10, 0.85).Simulate(400, seed: 11);
        var series = Series.FromReturns("G", returns);
        var whole = RollingEngine.RunPair(series, new LstmRiskModel(settings), options);

        Assert.Equal(series.Count - options.Window, whole.Forecasts.Count);
        Assert.All(whole.Forecasts, f => Assert.True(f.HasForecast && f.ES[1] >= f.VaR[1]));
        Assert.Equal(Enumerable.Range(0, whole.Forecasts.Count).Where(i => i % 40 == 0),
            whole.Forecasts.Select((f, i) => (f, i)).Where(x => x.f.Refitted).Select(x => x.i));

        // A grain persists PairState (its LastFit holds the weights) and resumes on a fresh model.
        var first = new RollingPair(new LstmRiskModel(settings), options, "G");
        foreach (var bar in series.Bars.Take(330))
        {
            first.Append(bar);
        }

        var state = new PairState
        {
            Bars = [.. first.State.Bars],
            BarsSeen = first.State.BarsSeen,
            LastFit = RoundTrip(first.State.LastFit!),
            ForecastsSinceFit = first.State.ForecastsSinceFit,
            FitAttempts = first.State.FitAttempts,
            FitFailures = first.State.FitFailures,
            Forecasts = [.. first.State.Forecasts],
        };
        var resumed = new RollingPair(new LstmRiskModel(settings), options, "G", state);
        foreach (var bar in series.Bars.Skip(330))
        {
            resumed.Append(bar);
        }

        Assert.Equal(whole.Forecasts.Select(f => f.VaR), resumed.State.Forecasts.Select(f => f.VaR));
        Assert.Equal(whole.Forecasts.Select(f => f.ES), resumed.State.Forecasts.Select(f => f.ES));
    }

    // Plain-data persistence as a stand-in for grain storage (NaN log-likelihood included).
    private static ModelFit RoundTrip(ModelFit fit)
    {
        var json = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        return JsonSerializer.Deserialize<ModelFit>(JsonSerializer.Serialize(fit, json), json)!;
    }
}
