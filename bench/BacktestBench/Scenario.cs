using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.BacktestBench;

/// <summary>
/// One simulated backtest design: how losses and the VaR/ES forecasts are drawn. The null cases
/// have correct forecasts; the alternatives are wrong in a known way.
/// </summary>
internal abstract class Scenario
{
    public abstract string Name { get; }

    /// <summary>True when the forecasts are right (the rejection rate is then the size).</summary>
    public abstract bool IsNull { get; }

    /// <summary>Fills the losses (L = −r, percent), the forecasts, the PITs P(R ≤ r) under the forecast law and the
    /// forecast volatilities of one sample, and returns the forecast laws (<see cref="BacktestData"/>'s), valid until the
    /// next draw; null where the forecasts have no law.</summary>
    public abstract ForecastLaws? Draw(Random rng, double alpha, double[] losses, double[] valueAtRisk, double[] expectedShortfall,
        double[] pits, double[] volatility);

    /// <summary>When true, the laws that a model would record with its forecast map (<see cref="PredictiveLaw.Process"/>)
    /// are given without it (the bench's <c>--held-forecasts</c>: the law-based Monte Carlo then holds the forecasts, as
    /// before 2026-12-04).</summary>
    public static bool HeldForecasts { get; set; }

    public static IReadOnlyList<Scenario> All { get; } =
        [new IidHits(), new GjrT(GjrT.Forecast.True), new GjrT(GjrT.Forecast.Normal), new GjrT(GjrT.Forecast.Unconditional),
         new GjrT(GjrT.Forecast.Exogenous), new HistoricalSimulationOnIid(), new RollingModelOnIid("fhs"), new RollingModelOnIid("gjr-evt")];

    /// <summary>
    /// Null: i.i.d. Bernoulli(1 − α) hits whatever the VaR (a slow sine, so that the DQ test's VaR
    /// regressor is not constant); the loss is VaR + (0, 1) on a hit and VaR − [0, 1) otherwise, ES = VaR + 0.5.
    /// The PIT is the uniform that decided the hit (a hit exactly when it is below 1 − α), the volatility 1 (so the
    /// standardised exceedance residuals L − ES = U − ½ have mean 0). The law: beyond VaR, VaR + U(0, 1); below it, VaR − U(0, 1).
    /// </summary>
    private sealed class IidHits : Scenario
    {
        public override string Name => "null: iid Bernoulli hits";

        public override bool IsNull => true;

        public override ForecastLaws? Draw(Random rng, double alpha, double[] losses, double[] valueAtRisk, double[] expectedShortfall,
            double[] pits, double[] volatility)
        {
            var rate = 1 - alpha;
            for (var t = 0; t < losses.Length; t++)
            {
                valueAtRisk[t] = 2 + Math.Sin(t / 20.0);
                var u = rng.NextDouble();
                losses[t] = valueAtRisk[t] + (u < 1 - alpha ? rng.NextDouble() + 1e-9 : -rng.NextDouble());
                expectedShortfall[t] = valueAtRisk[t] + 0.5;
                pits[t] = u;
                volatility[t] = 1;
            }

            return ForecastLaws.Of((t, p) => p <= rate ? valueAtRisk[t] + (rate - p) / rate : valueAtRisk[t] - (p - rate) / alpha);
        }
    }

    /// <summary>
    /// GJR-GARCH(1,1) returns with unit-variance Student-t(6) shocks (percent; ω 0.02, α 0.05, γ 0.10,
    /// β 0.88), after a 500-day burn-in; forecasts from the true conditional law, from a normal with
    /// the true volatility, or from the true shock law at the unconditional volatility. The PIT and the volatility
    /// are those of the forecast's law. <see cref="Forecast.Exogenous"/> (a null, not in the default run: <c>--scenarios 4</c>)
    /// keeps the GJR volatility path but draws each day's return with a shock of its own, independent of the shock that
    /// drives the next day's variance: the same laws day by day, but tomorrow's forecast no longer depends on today's
    /// return, so a p-value that redraws the returns with the forecasts held is exact there (the check of why
    /// <c>esr-intercept</c>'s <c>mc</c> was undersized on the feedback design with the forecasts held).
    /// The laws are Core's <see cref="PredictiveLaw"/>s in a <see cref="PredictiveLawSeries"/>, as a model's records give
    /// them: μ = 0, σ_t and the unit-variance t(6) (normal for <see cref="Forecast.Normal"/>), and where the forecasts follow the
    /// GJR volatility (<see cref="Forecast.True"/>, <see cref="Forecast.Normal"/>) its forecast map, Core's <c>gjr</c> process
    /// at the true (ω, α, γ, β), as a gjr model records its fit's; the exogenous design's forecasts do not react to its
    /// returns, so its laws have no map, and the unconditional forecast is constant.
    /// </summary>
    private sealed class GjrT(GjrT.Forecast forecast) : Scenario
    {
        public enum Forecast { True, Normal, Unconditional, Exogenous }

        private const double Omega = 0.02, Arch = 0.05, Leverage = 0.10, Garch = 0.88, Nu = 6, BurnIn = 500;
        private static readonly double Scale = Math.Sqrt((Nu - 2) / Nu); // unit-variance t
        private static readonly double UnconditionalVariance = Omega / (1 - Arch - Leverage / 2 - Garch);

        public override string Name => forecast switch
        {
            Forecast.True => "null: GJR-t, true-model VaR",
            Forecast.Normal => "alt: normal VaR on GJR-t data",
            Forecast.Exogenous => "null: GJR-t volatility, returns independent of it",
            _ => "alt: VaR ignoring volatility clustering",
        };

        public override bool IsNull => forecast is Forecast.True or Forecast.Exogenous;

        public override ForecastLaws? Draw(Random rng, double alpha, double[] losses, double[] valueAtRisk, double[] expectedShortfall,
            double[] pits, double[] volatility)
        {
            var t6 = new StudentT(0, 1, Nu, rng);
            var (qT, esT) = TailOfUnitT(alpha);
            var qN = Normal.InvCDF(0, 1, alpha);
            var esN = Normal.PDF(0, 1, qN) / (1 - alpha);
            var variance = UnconditionalVariance;
            var shock = 0.0;
            for (var t = -(int)BurnIn; t < losses.Length; t++)
            {
                variance = Omega + (Arch + (shock < 0 ? Leverage : 0)) * shock * shock + Garch * variance;
                var sigma = Math.Sqrt(variance);
                shock = sigma * Scale * t6.Sample();
                if (t < 0)
                {
                    continue;
                }

                // Exogenous: the return has its own shock (drawn after the variance's, so the other designs' streams are unchanged).
                var r = forecast == Forecast.Exogenous ? sigma * Scale * t6.Sample() : shock;
                losses[t] = -r;
                var unconditional = Math.Sqrt(UnconditionalVariance);
                (valueAtRisk[t], expectedShortfall[t], pits[t], volatility[t]) = forecast switch
                {
                    Forecast.True or Forecast.Exogenous => (sigma * qT, sigma * esT, StudentT.CDF(0, 1, Nu, r / (sigma * Scale)), sigma),
                    Forecast.Normal => (sigma * qN, sigma * esN, Normal.CDF(0, 1, r / sigma), sigma),
                    _ => (unconditional * qT, unconditional * esT, StudentT.CDF(0, 1, Nu, r / (unconditional * Scale)), unconditional),
                };
            }

            // The forecast laws: σ_t times the unit-variance t (or the standard normal), with the GJR map where the forecasts
            // follow the GJR volatility.
            var mapped = forecast is Forecast.True or Forecast.Normal && !HeldForecasts;
            var laws = new PredictiveLaw[losses.Length];
            for (var t = 0; t < laws.Length; t++)
            {
                laws[t] = (forecast == Forecast.Normal ? PredictiveLaw.Normal(0, volatility[t]) : new PredictiveLaw(PredictiveLaw.StudentTKey, 0, volatility[t], [Nu]))
                    .WithProcess(mapped ? "gjr" : null, Process);
            }

            return new PredictiveLawSeries(laws, 1 - alpha);
        }

        private static readonly double[] Process = [Omega, Arch, Leverage, Garch];

        /// <summary>VaR and ES (as multiples of σ) of a unit-variance t(ν) loss at level α.</summary>
        private static (double VaR, double ES) TailOfUnitT(double alpha)
        {
            var q = StudentT.InvCDF(0, 1, Nu, alpha);
            var es = StudentT.PDF(0, 1, Nu, q) * (Nu + q * q) / ((Nu - 1) * (1 - alpha));
            return (Scale * q, Scale * es);
        }
    }
    /// <summary>
    /// Historical simulation (Core's <see cref="HistoricalSimulation"/>, a 250-day window) on i.i.d. standard normal returns:
    /// a model with an empirical law on data it fits as well as it can. Its PIT is the randomised rank of the day's return
    /// among the window's (<see cref="RankPit"/>), exactly uniform on each day but dependent across days (neighbouring
    /// days share 249 of their 250 window returns). Not a null: the type-7 VaR's coverage misses in finite samples (at 99%
    /// the VaR lies between the 4th and 3rd largest of 250 losses, exceeded with probability 4/251 and 3/251). No
    /// volatility and no law, as the model's records: the tests that need them are undefined.
    /// </summary>
    private sealed class HistoricalSimulationOnIid : Scenario
    {
        private const int Window = 250;

        public override string Name => "alt: historical simulation (250 days) on iid normal returns";

        public override bool IsNull => false;

        public override ForecastLaws? Draw(Random rng, double alpha, double[] losses, double[] valueAtRisk, double[] expectedShortfall,
            double[] pits, double[] volatility)
        {
            var model = new HistoricalSimulation();
            var returns = new double[Window + losses.Length];
            for (var i = 0; i < returns.Length; i++)
            {
                returns[i] = Normal.Sample(rng, 0, 1);
            }

            double[] levels = [alpha];
            for (var t = 0; t < losses.Length; t++)
            {
                var window = ModelWindow.OfReturns(returns[t..(t + Window)]);
                var forecast = model.Forecast(window, ModelFit.Empty, levels)[0];
                var r = returns[t + Window];
                (losses[t], valueAtRisk[t], expectedShortfall[t]) = (-r, forecast.VaR, forecast.ES);
                pits[t] = model.Pit(window, ModelFit.Empty, r);
                volatility[t] = double.NaN;
            }

            return null;
        }
    }
}

/// <summary>
/// A catalogue model with a filter (fhs, gjr-evt) run by the Core engine on i.i.d. standard normal returns, a 500-day window
/// refitted every 20 days: its records' losses, VaR, ES, PIT and volatility, as a backtest of that run would see them. Not
/// a null: the filter is estimated and the empirical law's VaR misses its coverage in finite samples.
/// </summary>
internal sealed class RollingModelOnIid(string model) : Scenario
{
    private static readonly RollingOptions Options = new() { Window = 500, RefitEvery = 20 };

    public override string Name => $"alt: {model} ({Options.Window} days, refitted every {Options.RefitEvery}) on iid normal returns";

    public override bool IsNull => false;

    public override ForecastLaws? Draw(Random rng, double alpha, double[] losses, double[] valueAtRisk, double[] expectedShortfall,
        double[] pits, double[] volatility)
    {
        var bars = new List<PriceBar>(Options.Window + losses.Length + 1);
        var (date, price) = (new DateOnly(2000, 1, 1), 100.0);
        bars.Add(PriceBar.FromClose(date, price));
        for (var t = 0; t < Options.Window + losses.Length; t++)
        {
            (date, price) = (date.AddDays(1), price * (1 + Normal.Sample(rng, 0, 1) / 100));
            bars.Add(PriceBar.FromClose(date, price));
        }

        var run = RollingEngine.RunPair(PriceSeries.Create("X", "iid", bars), ModelCatalog.Create(model), Options with { Alphas = [alpha] });
        var t0 = 0;
        foreach (var f in run.Forecasts.Where(f => f.IsRealized))
        {
            (losses[t0], valueAtRisk[t0], expectedShortfall[t0], pits[t0], volatility[t0]) = (-f.Realized, f.VaR[0], f.ES[0], f.Pit, f.Volatility);
            t0++;
        }

        return null;
    }
}
