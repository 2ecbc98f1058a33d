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
/// <para>The asymptotic p-value is oversized (BacktestBench --quick, seed 1, 300 samples a cell: 11–22% at a nominal 5% under
/// i.i.d. null hits, 10–38% on GJR-t data with the true forecasts, T = 250–1000; 11% on 1000 normal days at 2.5% in the unit
/// test's design): the estimate rests on the tail points alone, and the "ind" truncated variance below ignores
/// heteroskedasticity. The covariance is esreg's sandwich for a correctly specified model with the "ind" truncated variance
/// (esback's default adds misspecification terms from a location–scale fit and a kernel density; they vanish under the
/// null). Undefined with fewer than five expected tail points (T(1 − α) &lt; 5), forecasts that do not vary, or no finite
/// fit.</para>
/// <para>Finite-sample p-value (<c>mc</c>, opt-in: <see cref="BacktestOptions.EsrMonteCarlo"/>, where the data carry the
/// forecasts' predictive laws): Dufour's Monte Carlo p-value with the returns redrawn from the laws and the forecasts (the
/// covariates) held, <see cref="LawReplications"/> replicates from a stream seeded by the test and the data (so that
/// series with the same laws do not share one replicate set), each a refit of the regression
/// (<see cref="QuantileEsRegression.Refitter"/>: the estimator's procedure with exact quantile steps and reused buffers,
/// about a tenth of a fresh fit's cost). Exact under a correct model, whatever T: the null law is then fully specified.
/// esback instead resamples (r, q, e) rows and refits esreg per replicate, with the Wald statistic re-centred at the
/// full-sample estimate, an asymptotic refinement rather than an exact test. The observed statistic ranked against the
/// replicates is the refitter's on the observed returns: it equals the reported (golden-section) statistic except where
/// a quantile line's basis point rounds to the other side of zero in the truncated variance (a few per cent then, at
/// T(1 − α) of a few points).</para>
/// </remarks>
public sealed class EsrBacktest(bool auxiliary) : IBacktest
{
    public const string StrictName = "esr-strict";

    public const string AuxiliaryName = "esr-aux";

    /// <summary>
    /// Replicates of the Monte Carlo p-value from the laws (<c>mc</c>), as for <see cref="EsrInterceptBacktest.LawReplications"/>:
    /// each redraws the series and refits the regression (<see cref="QuantileEsRegression.Refitter"/>).
    /// </summary>
    public const int LawReplications = EsrInterceptBacktest.LawReplications;

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
        if (double.IsNaN(wald))
        {
            return Undefined("the ES coefficients' covariance is not positive definite");
        }

        var result = new TestResult(Name, wald, 2, [new PValue(PValueMethods.ChiSquared, ChiSquaredTail.Probability(wald, 2))], null);
        if (!data.HasLaw || !data.Options.EsrMonteCarlo)
        {
            return result;
        }

        // The Monte Carlo p-value from the laws: each replicate redraws the returns, keeps the forecasts (the covariates)
        // and refits (the observed fit's quantile line gives the pivoting its first point). The observed statistic it is
        // ranked against is the same refit's on the observed returns, so that the replicates and the observed value come
        // from one procedure.
        var refitter = new QuantileEsRegression.Refitter(auxiliary ? q : e, e, data.ExpectedRate);
        var observed = refitter.Wald(r, fit);
        var draw = new double[n];
        return result.With(DufourMonteCarlo.SeriesLawPValue(Name, data, observed, replications: LawReplications, streamOfData: true, statistic: losses =>
        {
            for (var t = 0; t < n; t++)
            {
                draw[t] = -losses[t];
            }

            return refitter.Wald(draw, fit);
        }));
    }

    private TestResult Undefined(string why) => new(Name, double.NaN, 2, [new PValue(PValueMethods.ChiSquared, double.NaN)], why);
}
