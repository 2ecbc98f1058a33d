using System.Globalization;
using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>
/// The PITs in the forecast records, and Berkowitz's tail test on them against scipy
/// (Reference/berkowitz-tail.py), its undefined cases, and the size of its Monte Carlo p-value.
/// </summary>
public sealed class BerkowitzBacktestTests
{
    // Losses and VaR consistent with the PITs' exceptions (the tail test itself reads only the PITs).
    private static BacktestData Data(double[] pits, double alpha)
    {
        var losses = pits.Select(u => -Normal.InvCDF(0, 1, Math.Clamp(u, 1e-300, 1 - 1e-16))).ToArray();
        var var = Enumerable.Repeat(Normal.InvCDF(0, 1, alpha), pits.Length).ToArray();
        return new BacktestData(losses, var, var.Select(v => v * 1.15).ToArray(), alpha, pits: pits);
    }

    [Fact]
    public void Statistic_and_chi2_p_value_match_scipy()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "berkowitz-tail.txt"));
        var cases = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("case ", StringComparison.Ordinal))
            {
                continue;
            }

            var head = lines[i].Split(' ');
            var (alpha, lr, p) = (D(head[2]), D(head[3]), D(head[4]));
            var pits = lines[i + 1].Split(' ').Select(D).ToArray();
            var result = new BerkowitzBacktest().Run(Data(pits, alpha));
            // scipy's optimiser stops near, not at, the maximum: agreement to its tolerance.
            Assert.True(Math.Abs(result.Statistic - lr) <= 1e-7 * (1 + lr), $"{head[1]}: {result.Statistic:R} vs {lr:R}");
            Assert.True(Math.Abs(result.PValue - p) <= 1e-6 * p, $"{head[1]}: p {result.PValue:R} vs {p:R}");
            Assert.Equal(2, result.DegreesOfFreedom);
            Assert.Null(result.Undefined);
            cases++;
        }

        Assert.Equal(5, cases);

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Undefined_without_pits_or_with_fewer_than_two_tail_pits()
    {
        var var = Enumerable.Repeat(2.0, 300).ToArray();
        var noPits = new BerkowitzBacktest().Run(new BacktestData(var.Select(v => v - 1).ToArray(), var, var, 0.99));
        Assert.Contains("no PIT", noPits.Undefined);
        Assert.True(double.IsNaN(noPits.PValue) && double.IsNaN(noPits.PValueOf(PValueMethods.MonteCarlo)));

        var pits = Enumerable.Range(0, 300).Select(t => 0.02 + 0.97 * ((t * 0.618034) % 1)).ToArray();
        pits[10] = 0.003;
        var one = new BerkowitzBacktest().Run(Data(pits, 0.99));
        Assert.Equal("fewer than two distinct PITs below the VaR level", one.Undefined);

        pits[20] = double.NaN;
        Assert.Equal("1 of 300 observations have no PIT", new BerkowitzBacktest().Run(Data(pits, 0.99)).Undefined);
    }

    [Fact]
    public void Monte_carlo_p_value_has_its_size_and_the_test_rejects_thin_tails()
    {
        // 200 samples of 250 uniform PITs at 95%: the Monte Carlo p-value rejects about 5% (binomial 99% band 1–10%).
        const int samples = 200;
        var rng = new Random(2001);
        int mc = 0, chi2 = 0;
        for (var i = 0; i < samples; i++)
        {
            var r = new BerkowitzBacktest().Run(Data([.. Enumerable.Range(0, 250).Select(_ => rng.NextDouble())], 0.95));
            mc += r.PValueOf(PValueMethods.MonteCarlo) <= 0.05 ? 1 : 0;
            chi2 += r.PValue <= 0.05 ? 1 : 0;
        }

        Assert.InRange(mc, 2, 20);
        Assert.InRange(chi2, 2, 25);

        // Student-t(3) returns judged by a normal model with the right variance: the tail is too thin.
        var t3 = new StudentT(0, 1 / Math.Sqrt(3), 3, new Random(5));
        var pits = Enumerable.Range(0, 1000).Select(_ => Normal.CDF(0, 1, t3.Sample())).ToArray();
        var fat = new BerkowitzBacktest().Run(Data(pits, 0.99));
        Assert.True(fat.PValue < 0.01 && fat.PValueOf(PValueMethods.MonteCarlo) < 0.01, $"p = {fat.PValue}");
    }

    [Fact]
    public void One_pit_of_zero_a_loss_beyond_the_laws_support_makes_both_pit_tests_reject()
    {
        // An empirical law (historical simulation, FHS) gives PIT 0 to a loss beyond its window's largest; the tests read it as
        // 1e-300, a normal score of about −37 (README, Models). Evenly spread PITs pass both tests; one tail PIT set to 0 fails both.
        var pits = Enumerable.Range(0, 250).Select(t => (t + 0.5) / 250).ToArray();
        foreach (var alpha in new[] { 0.99, 0.95 })
        {
            var data = Data(pits, alpha);
            Assert.True(new BerkowitzBacktest().Run(data).PValue > 0.05 && new EsZ3Backtest().Run(data).PValue > 0.05);
            double[] withZero = [0.0, .. pits[1..]];
            var berkowitz = new BerkowitzBacktest().Run(Data(withZero, alpha));
            var z3 = new EsZ3Backtest().Run(Data(withZero, alpha));
            Assert.True(berkowitz.PValue < 1e-6 && berkowitz.PValueOf(PValueMethods.MonteCarlo) < 0.01, $"berkowitz p = {berkowitz.PValue}");
            Assert.True(z3.PValue < 0.01, $"es-z3 p = {z3.PValue}");
        }
    }

    [Fact]
    public void Rolling_records_carry_the_pit_of_the_forecast_they_realise()
    {
        var series = Series.FromReturns("X", Series.NoisyReturns(420, 3));
        var options = new RollingOptions { Window = 250, RefitEvery = 50, Alphas = [0.99] };
        var run = RollingEngine.RunPair(series, ModelCatalog.Create("garch-n"), options);
        var realised = run.Forecasts.Where(f => f.IsRealized).ToList();
        Assert.True(realised.Count > 150);
        foreach (var f in realised)
        {
            // Normal innovations: PIT = Φ((r − μ)/σ) with the record's own mean and volatility.
            Assert.Equal(Normal.CDF(0, 1, (f.Realized - f.Mean) / f.Volatility), f.Pit, 14);
            Assert.Equal(f.IsException(0), f.Pit < 0.01);
        }

        Assert.True(double.IsNaN(run.Forecasts[^1].Pit)); // not realised yet

        // A pair resumed from its state gives the same PITs as the uninterrupted run.
        var pair = new RollingPair(ModelCatalog.Create("garch-n"), options, "X");
        foreach (var bar in series.Bars.Take(330))
        {
            pair.Append(bar);
        }

        var resumed = new RollingPair(ModelCatalog.Create("garch-n"), options, "X", pair.State);
        foreach (var bar in series.Bars.Skip(330))
        {
            resumed.Append(bar);
        }

        Assert.Equal(run.Forecasts.Select(f => BitConverter.DoubleToInt64Bits(f.Pit)), resumed.State.Forecasts.Select(f => BitConverter.DoubleToInt64Bits(f.Pit)));

        // Summaries read them: Berkowitz is defined for garch-n and historical simulation (its randomised rank PIT), and
        // undefined for a model without a predictive distribution.
        Assert.Null(Backtester.Summarize(run.Forecasts, 0, 0.99).Test(BerkowitzBacktest.TestName).Undefined);
        var hs = RollingEngine.RunPair(series, new HistoricalSimulation(), options);
        Assert.All(hs.Forecasts.Where(f => f.IsRealized), f => Assert.True(f.Pit is > 0 and < 1));
        Assert.Null(Backtester.Summarize(hs.Forecasts, 0, 0.99).Test(BerkowitzBacktest.TestName).Undefined);
        var quantilesOnly = RollingEngine.RunPair(series, new QuantilesOnly(), options);
        Assert.All(quantilesOnly.Forecasts, f => Assert.True(double.IsNaN(f.Pit)));
        Assert.Contains("no PIT", Backtester.Summarize(quantilesOnly.Forecasts, 0, 0.99).Test(BerkowitzBacktest.TestName).Undefined);
    }

    // Historical simulation's forecasts without its PIT (IRiskModel's default), as a network's would be.
    private sealed class QuantilesOnly : IRiskModel
    {
        private readonly HistoricalSimulation _inner = new();

        public string Name => "quantiles-only";

        public IReadOnlyList<string> ParameterNames => [];

        public int MinimumObservations => _inner.MinimumObservations;

        public ModelFit Fit(ModelWindow window, ModelFit? previous) => _inner.Fit(window, previous);

        public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas) => _inner.Forecast(window, fit, alphas);
    }
}
