using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Models;

/// <summary>
/// The predictive laws the models put in their forecast records are the laws of those forecasts (their VaR, ES and
/// PIT), and the backtests simulate from them: the ES tests get their law-based Monte Carlo p-values on a rolling run.
/// </summary>
public sealed class PredictiveLawTests
{
    private static readonly RollingOptions Options = new() { Window = 500, RefitEvery = 20, Alphas = [0.975, 0.99] };

    private static readonly string[] LawModels = ["normal", "student-t", "ewma", "garch-n", "gjr-t", "egarch-skewt", "aparch-ged"];

    public static IEnumerable<object[]> WithLaw => LawModels.Select(m => new object[] { m });

    [Theory]
    [MemberData(nameof(WithLaw))]
    public void A_records_law_gives_its_var_its_es_and_its_pit(string model)
    {
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(620, 31)), ModelCatalog.Create(model), Options);
        var forecasts = run.Forecasts.Where(f => f.HasForecast).ToList();
        Assert.True(forecasts.Count > 100);
        foreach (var f in forecasts)
        {
            var law = f.Law ?? throw new Xunit.Sdk.XunitException($"{model}: forecast of {f.OriginDate} has no law");
            Assert.Equal(f.Mean, law.Location, 12);
            Assert.Equal(f.Volatility, law.Scale, 12);
            for (var k = 0; k < Options.Alphas.Count; k++)
            {
                var p = 1 - Options.Alphas[k];
                Assert.Equal(f.VaR[k], law.LossQuantile(p), 1e-8 * Math.Max(1, Math.Abs(f.VaR[k])));

                // ES = (1/p) ∫₀^p Q(u) du, by the midpoint rule on a log scale towards 0 (the tail's mass is near u = 0);
                // on every 25th day (the t quantiles are slow).
                if (f.OriginDate.DayNumber % 25 == 0)
                {
                    Assert.Equal(f.ES[k], TailMean(law, p), 2e-4 * f.ES[k]);
                }
            }

            if (f.IsRealized)
            {
                Assert.Equal(f.Pit, law.Cdf(f.Realized), 1e-10);
            }
        }
    }

    [Theory]
    [InlineData("hs")]
    [InlineData("fhs")]
    [InlineData("gjr-evt")]
    public void Empirical_models_record_no_law_and_their_es_tests_no_law_based_p_value(string model)
    {
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(560, 32)), ModelCatalog.Create(model), Options);
        Assert.All(run.Forecasts, f => Assert.Null(f.Law));
        var summary = Backtester.Summarize(run.Forecasts, 0, 0.975);
        Assert.All(summary.Tests, t => Assert.DoesNotContain(t.PValues, p => p.Method == PValueMethods.MonteCarlo && IsLawTest(t.Test)));
    }

    [Fact]
    public void A_rolling_runs_es_tests_get_monte_carlo_p_values_from_the_laws_that_every_day_needs()
    {
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(900, 33)), ModelCatalog.Create("gjr-t"), Options);
        var summary = Backtester.Summarize(run.Forecasts, 0, 0.975);
        Assert.True(summary.Exceptions >= 3);
        foreach (var name in new[] { EsZ1Backtest.TestName, McNeilFreyBacktest.RawName, McNeilFreyBacktest.StandardisedName, EsrInterceptBacktest.TestName })
        {
            var test = summary.Tests.Single(t => t.Test == name);
            Assert.InRange(test.PValueOf(PValueMethods.MonteCarlo), 1.0 / (DufourMonteCarlo.DefaultReplications + 1), 1);
        }

        // The same p-values as BacktestData built by hand from the realised days' laws; and the exceedance tests' the same
        // to Monte Carlo error with the laws' exact quantiles instead of the tabulated tails.
        var realised = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
        BacktestData Data(Func<int, double, double>? quantile, ForecastLaws? laws) =>
            new([.. realised.Select(f => -f.Realized)], [.. realised.Select(f => f.VaR[0])], [.. realised.Select(f => f.ES[0])], 0.975,
                pits: [.. realised.Select(f => f.Pit)], volatility: [.. realised.Select(f => f.Volatility)], tailQuantile: quantile, laws: laws);
        Assert.Equal(BacktestCatalog.Run(Data(null, new PredictiveLawSeries([.. realised.Select(f => f.Law!)], 0.025))), summary.Tests);
        var exact = BacktestCatalog.Run(Data((t, p) => realised[t].Law!.LossQuantile(p), null));
        foreach (var name in new[] { EsZ1Backtest.TestName, McNeilFreyBacktest.RawName })
        {
            Assert.Equal(exact.Single(t => t.Test == name).PValueOf(PValueMethods.MonteCarlo),
                summary.Tests.Single(t => t.Test == name).PValueOf(PValueMethods.MonteCarlo), 0.01);
        }

        // One day without a law (a forecast made elsewhere) and the law-based p-values go: the draws need every day's law.
        var mixed = run.Forecasts.Select((f, i) => i == run.Forecasts.Count / 2 ? f with { Law = null } : f).ToList();
        var without = Backtester.Summarize(mixed, 0, 0.975);
        Assert.True(double.IsNaN(without.Tests.Single(t => t.Test == EsZ1Backtest.TestName).PValueOf(PValueMethods.MonteCarlo)));
    }

    [Theory]
    [InlineData("ewma")]
    [InlineData("garch-n")]
    [InlineData("gjr-t")]
    [InlineData("egarch-skewt")]
    [InlineData("aparch-ged")]
    [InlineData("tarch-t")]
    public void A_volatility_models_laws_carry_its_forecast_map_which_recomputes_its_forecasts_from_a_replicates_returns(string model)
    {
        // One fit (no refit over the 200 days), so θ is fixed; the model's own forecast on a window whose backtest days
        // are a replicate's returns is what the map gives for that replicate.
        var series = Series.FromReturns("X", Series.NoisyReturns(700, 34));
        var options = new RollingOptions { Window = 500, RefitEvery = 1000, Alphas = [0.99] };
        var riskModel = ModelCatalog.Create(model);
        var run = RollingEngine.RunPair(series, riskModel, options);
        var returns = new double[series.Count - 1];
        for (var i = 0; i < returns.Length; i++)
        {
            returns[i] = Returns.Percent(series.Bars[i].Close, series.Bars[i + 1].Close, options.ReturnKind);
        }

        var realised = run.Forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
        var dates = series.Bars.Select(b => b.Date).ToList();
        var ends = realised.Select(f => dates.IndexOf(f.OriginDate)).ToArray();
        Assert.True(realised.Count > 150);
        var laws = realised.Select(f => f.Law!).ToArray();
        Assert.All(laws, l => Assert.True(l.HasProcess, $"{model}: a law without its forecast map"));
        var fit = riskModel.Fit(ModelWindow.OfReturns(returns[(ends[0] - options.Window)..ends[0]]), null);
        if (riskModel is VolatilityRiskModel volatility)
        {
            Assert.Equal(volatility.Model.ProcessParameters(fit.Parameters).ToArray(), laws[0].ProcessParameters);
        }

        // The replicate: days 20–39 of the backtest with their returns turned over and enlarged.
        var replicate = (double[])returns.Clone();
        for (var k = 20; k < 40; k++)
        {
            Assert.Equal(returns[ends[k]], realised[k].Realized);
            replicate[ends[k]] = -1.8 * returns[ends[k]];
        }

        var scales = new double[realised.Count];
        new PredictiveLawSeries(laws, 0.01).Scales([.. realised.Select(f => -f.Realized)], [.. ends.Select(j => -replicate[j])], scales);
        var (worst, moved) = (0.0, 0);
        for (var k = 0; k < realised.Count; k++)
        {
            var sigma = riskModel.Forecast(ModelWindow.OfReturns(replicate[(ends[k] - options.Window)..ends[k]]), fit, options.Alphas)[0].Volatility;
            worst = Math.Max(worst, Math.Abs(laws[k].Scale * scales[k] / sigma - 1));
            moved += Math.Abs(scales[k] - 1) > 0.01 ? 1 : 0;
        }

        // Held forecasts (every ratio 1) are some 30% off on these days: the map is what the model forecasts.
        Assert.True(worst < 1e-6, $"{model}: the map is {worst:E2} off the model's own forecast");
        Assert.True(moved >= 10, $"{model}: the replicate should move the forecasts ({moved} days by > 1%)");
    }

    [Fact]
    public void The_day_after_a_missing_forecast_starts_the_forecast_map_afresh()
    {
        // A gjr-t run with one failed forecast in the middle: the law-based p-values stay (every observation has a law), and
        // the laws handed on keep their map except the day after the gap.
        var run = RollingEngine.RunPair(Series.FromReturns("X", Series.NoisyReturns(800, 35)), ModelCatalog.Create("gjr-t"), Options);
        var gap = run.Forecasts.Count / 2;
        var forecasts = run.Forecasts.Select((f, i) => i == gap
            ? f with { VaR = [double.NaN, double.NaN], ES = [double.NaN, double.NaN], Law = null } : f).ToList();
        var realised = forecasts.Where(f => f.IsRealized && f.HasForecast).ToList();
        var after = realised.FindIndex(f => f.OriginDate > forecasts[gap].OriginDate);
        var laws = realised.Select((f, i) => i == after ? f.Law! with { Process = null, ProcessParameters = [] } : f.Law!).ToList();
        BacktestData Data(IReadOnlyList<PredictiveLaw> l) =>
            new([.. realised.Select(f => -f.Realized)], [.. realised.Select(f => f.VaR[0])], [.. realised.Select(f => f.ES[0])], 0.975,
                pits: [.. realised.Select(f => f.Pit)], volatility: [.. realised.Select(f => f.Volatility)], laws: new PredictiveLawSeries(l, 0.025));
        var summary = Backtester.Summarize(forecasts, 0, 0.975);
        Assert.Equal(1, summary.MissingForecasts);
        var esr = summary.Tests.Single(t => t.Test == EsrInterceptBacktest.TestName);
        Assert.Equal(new EsrInterceptBacktest().Run(Data(laws)), esr);
        Assert.NotEqual(new EsrInterceptBacktest().Run(Data([.. realised.Select(f => f.Law!)])).PValueOf(PValueMethods.MonteCarlo),
            esr.PValueOf(PValueMethods.MonteCarlo));
    }

    [Fact]
    public void Unknown_innovations_and_unusable_laws_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PredictiveLaw("cauchy", 0, 1, []));
        Assert.Contains("cauchy", ex.Message);
        Assert.Null(PredictiveLaw.Normal(0, 0).IfUsable);
        Assert.Null(new PredictiveLaw(PredictiveLaw.StudentTKey, 0, 1, []).IfUsable);
        Assert.NotNull(new PredictiveLaw(PredictiveLaw.StudentTKey, 0, 1, [5]).IfUsable);
    }

    private static bool IsLawTest(string test) =>
        test is EsZ1Backtest.TestName or McNeilFreyBacktest.RawName or McNeilFreyBacktest.StandardisedName or EsrInterceptBacktest.TestName;

    private static double TailMean(PredictiveLaw law, double p)
    {
        // u = p·e^{−s}, s ∈ [0, 20] (the rest of the tail, under p·e^{−20}, is left out): ∫₀^p Q(u) du = p ∫ Q(p e^{−s}) e^{−s} ds.
        const int steps = 1000;
        const double top = 20;
        var sum = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var s = (i + 0.5) * top / steps;
            sum += law.LossQuantile(p * Math.Exp(-s)) * Math.Exp(-s);
        }

        return sum * top / steps;
    }
}
