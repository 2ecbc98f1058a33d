namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Bayer–Dimitriadis (2020) ESR backtests, strict and auxiliary (esback's <c>esr_backtest</c> versions 1 and 2): the
/// realised return r_t = −L_t is regressed on the ES forecast in a joint quantile–ES regression
/// (<see cref="QuantileEsRegression"/>) at the forecasts' tail probability p = 1 − α, and the ES line
/// ES_p(r_t) = g₀ + g₁·(−ES_t) is tested for (g₀, g₁) = (0, 1) by a Wald statistic, χ²(2). Strict: the quantile line
/// has the same covariate (r ~ e); auxiliary: its covariate is the VaR forecast (r ~ q | e), so a VaR that is right
/// where the ES is wrong cannot hide in the quantile part.
/// </summary>
/// <remarks>
/// Only the asymptotic p-value: a bootstrap would refit the regression hundreds of times per series. It is oversized
/// (BacktestBench --quick, seed 1, 300 samples a cell: 11–22% at a nominal 5% under i.i.d. null hits, 10–38% on GJR-t data with the true
/// forecasts, T = 250–1000; 11% on 1000 normal days at 2.5% in the unit test's design): the estimate rests on the tail
/// points alone, and the "ind" truncated variance below ignores heteroskedasticity. The covariance is esreg's sandwich for a correctly specified
/// model with the "ind" truncated variance (esback's default adds misspecification terms from a location–scale
/// fit and a kernel density; they vanish under the null). Undefined with fewer than five expected tail points
/// (T(1 − α) &lt; 5), forecasts that do not vary, or no finite fit.
/// </remarks>
public sealed class EsrBacktest(bool auxiliary) : IBacktest
{
    public const string StrictName = "esr-strict";

    public const string AuxiliaryName = "esr-aux";

    public string Name => auxiliary ? AuxiliaryName : StrictName;

    public string Description => auxiliary
        ? "Bayer–Dimitriadis (2020) auxiliary ESR: joint regression, quantile on VaR, ES on ES; Wald test of ES line (0, 1), χ²(2)"
        : "Bayer–Dimitriadis (2020) strict ESR: joint quantile–ES regression of r on ES; Wald test of ES line (0, 1), χ²(2)";

    public BacktestNeeds Needs => BacktestNeeds.Losses | BacktestNeeds.ES | (auxiliary ? BacktestNeeds.VaR : BacktestNeeds.None);

    public TestResult Run(BacktestData data)
    {
        var n = data.Count;
        if (n * data.ExpectedRate < 5)
        {
            return Undefined(n == 0 ? "no observations" : "fewer than five expected tail points (T(1 − α) < 5)");
        }

        var r = new double[n];
        var q = new double[n];
        var e = new double[n];
        for (var t = 0; t < n; t++)
        {
            (r[t], q[t], e[t]) = (-data.Losses[t], -data.ValueAtRisk[t], -data.ExpectedShortfall[t]);
            if (!double.IsFinite(r[t]) || !double.IsFinite(e[t]) || (auxiliary && !double.IsFinite(q[t])))
            {
                return Undefined(auxiliary ? "an observation has no finite VaR or ES" : "an observation has no finite ES");
            }
        }

        if (QuantileEsRegression.Estimate(r, auxiliary ? q : e, e, data.ExpectedRate) is not { } fit)
        {
            return Undefined(auxiliary ? "the VaR or ES forecasts do not vary (or no finite fit)" : "the ES forecasts do not vary (or no finite fit)");
        }

        var wald = QuantileEsRegression.WaldStatistic(fit);
        return double.IsNaN(wald)
            ? Undefined("the ES coefficients' covariance is not positive definite")
            : new TestResult(Name, wald, 2, [new PValue(PValueMethods.ChiSquared, ChiSquaredTail.Probability(wald, 2))], null);
    }

    private TestResult Undefined(string why) => new(Name, double.NaN, 2, [new PValue(PValueMethods.ChiSquared, double.NaN)], why);
}
