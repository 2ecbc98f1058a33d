using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Tests.Models;

/// <summary>Properties every catalogued model must have, over varied random windows.</summary>
public sealed class ModelPropertyTests
{
    private static readonly double[] Levels = [0.9, 0.95, 0.975, 0.99, 0.999];

    private static readonly string[] ParametricModels = ["hs", "normal", "student-t", "cornish-fisher", "ewma"];

    /// <summary>A window of one of several shapes: normal, Student-t, skewed, with jumps; scale 0.05–10.</summary>
    private static double[] Window(int seed, int length, int shape)
    {
        var rng = new Xoshiro256StarStar(seed);
        var scale = 0.05 * Math.Pow(200, rng.NextDouble());
        return Enumerable.Range(0, length).Select(_ => scale * (shape switch
        {
            0 => Normal.Sample(rng, 0.02, 1),
            1 => StudentT.Sample(rng, 0, 1, 2.5 + 10 * rng.NextDouble()),
            2 => Exponential.Sample(rng, 1) - 1,                      // right-skewed returns
            3 => 1 - Exponential.Sample(rng, 1),                      // left-skewed returns
            _ => Normal.Sample(rng, 0, 1) + (rng.NextDouble() < 0.02 ? -8 : 0), // crash jumps
        })).ToArray();
    }

    [Property(MaxTest = 60)]
    public void Es_is_at_least_var_and_both_are_finite(int seed, byte size, byte shape)
    {
        var returns = Window(seed, 30 + 4 * size, shape % 5);
        var window = ModelWindow.OfReturns(returns);
        foreach (var name in ParametricModels)
        {
            var model = ModelCatalog.Create(name);
            var fit = model.Fit(window, null);
            Assert.True(fit.IsUsable, $"{name}: {fit.Message}");
            foreach (var f in model.Forecast(window, fit, Levels))
            {
                Assert.True(double.IsFinite(f.VaR) && double.IsFinite(f.ES), $"{name} at {f.Alpha}: {f}");
                Assert.True(f.ES >= f.VaR - 1e-9 * (1 + Math.Abs(f.VaR)), $"{name} at {f.Alpha}: ES {f.ES} < VaR {f.VaR}");
            }
        }
    }

    [Property(MaxTest = 40)]
    public void Var_rises_with_the_confidence_level_for_the_closed_form_models(int seed, byte size, byte shape)
    {
        var window = ModelWindow.OfReturns(Window(seed, 30 + 4 * size, shape % 5));
        foreach (var name in new[] { "normal", "student-t", "ewma" })
        {
            var model = ModelCatalog.Create(name);
            var f = model.Forecast(window, model.Fit(window, null), Levels);
            for (var k = 1; k < f.Length; k++)
            {
                Assert.True(f[k].VaR > f[k - 1].VaR && f[k].ES > f[k - 1].ES, $"{name} at {f[k].Alpha}");
            }
        }
    }

    [Fact]
    public void Catalog_names_the_parametric_models_and_creates_them()
    {
        foreach (var name in ParametricModels)
        {
            Assert.Contains(name, ModelCatalog.Names);
            Assert.Equal(name, ModelCatalog.Create(name).Name);
        }
    }

    [Fact]
    public void Every_model_runs_the_rolling_engine_on_synthetic_data_with_sensible_coverage()
    {
        var universe = SyntheticUniverse.Generate(new SyntheticUniverseOptions { Instruments = 2, Days = 1300 });
        var options = new RollingOptions { Window = 250, Alphas = [0.99] };
        var runs = RollingEngine.Run(universe, ParametricModels, options);
        foreach (var run in runs)
        {
            var realized = run.Forecasts.Where(f => f.IsRealized).ToArray();
            Assert.Equal(1300 - 251, realized.Length);
            Assert.All(realized, f => Assert.True(f.HasForecast && f.VaR[0] > 0 && f.ES[0] >= f.VaR[0], $"{run.Instrument}/{run.Model}"));
            Assert.Equal(0, run.FitFailures);

            // 1,049 days at 99%: about 10 exceptions expected; a working model is nowhere near 0 or 60.
            var exceptions = realized.Count(f => f.IsException(0));
            Assert.InRange(exceptions, 1, 40);
        }
    }
}
