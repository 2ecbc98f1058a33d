using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>
/// The forecast map of the laws (<see cref="PredictiveLaw.Process"/>, <see cref="PredictiveLawSeries.DrawPath"/>): it
/// reproduces the recorded scales on the realised returns, is the process's own recursion for fixed parameters (against
/// the recursions written out here), and <c>esr-intercept</c>'s <c>mc</c> uses it.
/// </summary>
public sealed class ForecastMapTests
{
    private const double Nu = 6;

    // Process parameters of each kind: (key, θ), and the recursion σ²_{t+1} = f(σ²_t, ε_t) written out independently of Core.
    public static TheoryData<string> Processes => ["garch", "gjr", "egarch", "aparch", "tarch"];

    private static double[] Parameters(string process) => process switch
    {
        "garch" => [0.02, 0.08, 0.9],
        "gjr" => [0.02, 0.05, 0.10, 0.88],
        "egarch" => [0.01, 0.12, -0.08, 0.97],
        "aparch" => [0.03, 0.07, 0.4, 0.9, 1.4],
        _ => [0.03, 0.08, 0.5, 0.9],
    };

    private static double Next(string process, double[] p, double variance, double residual)
    {
        switch (process)
        {
            case "garch":
                return p[0] + p[1] * residual * residual + p[2] * variance;
            case "gjr":
                return p[0] + (p[1] + (residual < 0 ? p[2] : 0)) * residual * residual + p[3] * variance;
            case "egarch":
                var z = residual / Math.Sqrt(variance);
                return Math.Exp(p[0] + p[1] * (Math.Abs(z) - Math.Sqrt(2 / Math.PI)) + p[2] * z + p[3] * Math.Log(variance));
            default:
                var delta = p.Length == 5 ? p[4] : 1;
                var h = p[0] + p[1] * Math.Pow(Math.Abs(residual) - p[2] * residual, delta) + p[3] * Math.Pow(variance, delta / 2);
                return Math.Pow(h, 2 / delta);
        }
    }

    // A path of T unit-variance t(6) returns with μ = 0.03 and its recorded laws: σ²_0 the long-run level's neighbourhood,
    // then the recursion at `parameters(t)` (θ may change along the path, as at refits).
    private static (double[] Losses, PredictiveLaw[] Laws) Path(string process, int days, int seed, Func<int, double[]> parameters, bool map = true,
        double start = 1)
    {
        var rng = new Random(seed);
        var losses = new double[days];
        var laws = new PredictiveLaw[days];
        var variance = start;
        for (var t = 0; t < days; t++)
        {
            if (t > 0)
            {
                variance = Next(process, parameters(t), variance, -losses[t - 1] - 0.03);
            }

            var sigma = Math.Sqrt(variance);
            laws[t] = new PredictiveLaw(PredictiveLaw.StudentTKey, 0.03, sigma, [Nu]).WithProcess(map ? process : null, parameters(t));
            losses[t] = -0.03 - sigma * Sampling.UnitStudentT(rng, Nu);
        }

        return (losses, laws);
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void Fed_the_realised_returns_the_map_gives_the_recorded_scales_exactly(string process)
    {
        // θ changes every 100 days (a refit) and the recorded σ are not one step of the new θ from the day before.
        var baseline = Parameters(process);
        var (losses, laws) = Path(process, 400, 3, t => [.. baseline.Select((x, i) => i == 0 ? x * (1 + 0.3 * (t / 100)) : x)]);
        for (var t = 100; t < laws.Length; t += 100)
        {
            laws[t] = laws[t] with { Scale = laws[t].Scale * 1.2 };
        }

        var series = new PredictiveLawSeries(laws, 0.025);
        Assert.True(series.HasForecastMap);
        var scales = new double[losses.Length];
        series.Scales(losses, losses, scales);
        Assert.All(scales, s => Assert.Equal(1.0, s));
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void For_fixed_parameters_a_drawn_path_follows_the_processs_own_recursion(string process)
    {
        var p = Parameters(process);
        var (losses, laws) = Path(process, 300, 7, _ => p);
        var series = new PredictiveLawSeries(laws, 0.025);
        var (drawn, scales) = (new double[losses.Length], new double[losses.Length]);
        series.DrawPath(new Random(11), losses, drawn, scales);

        // The replicate's own recursion from the recorded σ_0, on its drawn returns.
        var variance = laws[0].Scale * laws[0].Scale;
        var worst = 0.0;
        var moved = 0;
        for (var t = 0; t < drawn.Length; t++)
        {
            if (t > 0)
            {
                variance = Next(process, p, variance, -drawn[t - 1] - 0.03);
            }

            var sigma = laws[t].Scale * scales[t];
            worst = Math.Max(worst, Math.Abs(sigma / Math.Sqrt(variance) - 1));
            moved += Math.Abs(scales[t] - 1) > 0.05 ? 1 : 0;
        }

        // EGARCH's |z| is smoothed within 1e-3 of 0 in Core (a change of at most 5e-4·α in ln σ², which decays by β).
        Assert.True(worst < (process == "egarch" ? 1e-4 : 1e-12), $"{process}: largest relative error {worst:E2}");
        Assert.True(moved > 100, $"{process}: the replicate's scales should move away from the record ({moved} days by > 5%)");

        // The same ratios read back from the drawn losses (Scales), to rounding.
        var again = new double[drawn.Length];
        series.Scales(losses, drawn, again);
        for (var t = 0; t < drawn.Length; t++)
        {
            Assert.Equal(scales[t], again[t], 1e-12);
        }
    }

    [Fact]
    public void Without_a_process_a_path_is_the_days_draws_in_order()
    {
        var (losses, laws) = Path("gjr", 200, 5, _ => Parameters("gjr"), map: false);
        var series = new PredictiveLawSeries(laws, 0.05);
        Assert.False(series.HasForecastMap);
        var (drawn, scales) = (new double[losses.Length], new double[losses.Length]);
        series.DrawPath(new Random(2), losses, drawn, scales);
        var random = new Random(2);
        for (var t = 0; t < drawn.Length; t++)
        {
            Assert.Equal(series.Draw(t, random), drawn[t]);
            Assert.Equal(1.0, scales[t]);
        }
    }

    [Fact]
    public void A_day_without_a_process_starts_the_chain_afresh()
    {
        var (losses, laws) = Path("gjr", 50, 5, _ => Parameters("gjr"));
        laws[20] = laws[20] with { Process = null, ProcessParameters = [] };
        var series = new PredictiveLawSeries(laws, 0.05);
        var (drawn, scales) = (new double[losses.Length], new double[losses.Length]);
        series.DrawPath(new Random(3), losses, drawn, scales);
        Assert.Equal(1.0, scales[20]);
        Assert.NotEqual(1.0, scales[21]);
        Assert.NotEqual(1.0, scales[19]);
    }

    [Fact]
    public void Esr_intercept_mc_uses_the_map_on_a_gjr_path_and_equals_the_held_one_on_constant_forecasts()
    {
        const double alpha = 0.95;
        var (q, es) = new StudentTInnovation().Tail(alpha, [Nu]);
        var p = Parameters("gjr");
        var differ = 0;
        for (var seed = 0; seed < 5; seed++)
        {
            var (losses, laws) = Path("gjr", 500, 20 + seed, _ => p);
            var withMap = Run(losses, laws);
            var held = Run(losses, [.. laws.Select(l => l with { Process = null, ProcessParameters = [] })]);
            Assert.Equal(held.Statistic, withMap.Statistic);
            Assert.Equal(held.PValueOf(PValueMethods.Bootstrap), withMap.PValueOf(PValueMethods.Bootstrap));
            differ += held.PValueOf(PValueMethods.MonteCarlo) != withMap.PValueOf(PValueMethods.MonteCarlo) ? 1 : 0;
        }

        Assert.Equal(5, differ);

        // Constant forecasts: a GJR map with α = γ = 0 keeps σ at √(ω/(1 − β)) whatever the returns, so the paths are the held draws.
        double[] flat = [0.05, 0, 0, 0.9];
        var (constant, constantLaws) = Path("gjr", 500, 40, _ => flat, start: 0.5);
        Assert.All(constantLaws, l => Assert.Equal(constantLaws[0].Scale, l.Scale, 12));
        var mapped = Run(constant, constantLaws);
        var plain = Run(constant, [.. constantLaws.Select(l => l with { Process = null, ProcessParameters = [] })]);
        Assert.Equal(plain.PValueOf(PValueMethods.MonteCarlo), mapped.PValueOf(PValueMethods.MonteCarlo));
        Assert.False(double.IsNaN(mapped.PValueOf(PValueMethods.MonteCarlo)));

        TestResult Run(double[] losses, PredictiveLaw[] laws) =>
            new EsrInterceptBacktest().Run(new BacktestData(losses, [.. laws.Select(l => -l.Location + l.Scale * q)],
                [.. laws.Select(l => -l.Location + l.Scale * es)], alpha, laws: new PredictiveLawSeries(laws, 1 - alpha)));
    }
}
