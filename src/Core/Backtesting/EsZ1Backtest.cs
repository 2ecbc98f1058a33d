namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Acerbi–Székely (2014) Z1: in the loss convention <c>Z1 = 1 − (1/N) Σ_{exceptions} L_t / ES_t</c>, the mean
/// severity beyond VaR against 1 (E[Z1 | N &gt; 0] = 0 under a correct ES; negative when ES is too low).
/// One-sided p-value from a resampled null, given the N exceptions.
/// </summary>
/// <remarks>
/// A–S simulate Z1 from the model's predictive distributions, which a forecast record need not carry (it has
/// VaR, ES, at most a volatility and a PIT). Z1 is conditional on the exceptions, and under H0 each severity
/// u = L/ES has mean 1 whatever the tail's shape, so without the laws the null is resampled from the observed
/// severities about their mean: a bootstrap test of E[u] = 1 on Hall's skewness-corrected t of the severities
/// (<see cref="SkewCorrectedBootstrap"/>, as McNeil–Frey's test of its residuals; B = 4999 resamples, SplitMix64 seeded
/// by the test's name). Until 2026-12-03 the resampled null was not studentised (Z1* = 1 − ū*/ū, the severities rescaled
/// to mean 1): its spread is the observed severities', which understate it with few exceptions, and with one exception
/// Z1* is 0 whatever the draw, so p = 1/(B + 1) whenever L &gt; ES (25% rejections at a nominal 5% on 250 days at 99% under
/// i.i.d. null hits, 13% at 97.5%). The resampled p-value needs <see cref="SkewCorrectedBootstrap.MinimumCount"/> = 5
/// exceptions with a spread (three from 2026-12-03 to 2026-12-04, when it rejected 9.2% on 250 days at 99% under i.i.d. null
/// hits: so few values' resampling law is too coarse for a 5% tail); with fewer the statistic is given, the p-value is NaN
/// and the result says why (the <c>mc</c> one, where there are laws, is still given). Undefined
/// without exceptions or where an exception day has no positive ES.
/// <para>Where the data carry the forecasts' predictive laws (<see cref="BacktestData.HasLaw"/>), a second p-value (<c>mc</c>)
/// simulates Z1 as A–S do, from the model: the exception days' losses are redrawn from each day's law beyond its VaR
/// and Z1* computed with the same ES forecasts (<see cref="DufourMonteCarlo.ExceedanceLawPValue"/>; 999 replicates). It is
/// exact given the exception days whatever their number (one included), where the resampled null is not.</para>
/// </remarks>
public sealed class EsZ1Backtest : IBacktest
{
    public const string TestName = "es-z1";

    public const int Replications = 4999;

    public string Name => TestName;

    public string Description => "Acerbi–Székely (2014) Z1: mean L/ES over the exceptions is 1; one-sided, skew-corrected bootstrap-t given the exceptions";

    public BacktestNeeds Needs => BacktestNeeds.Losses | BacktestNeeds.VaR | BacktestNeeds.ES;

    public TestResult Run(BacktestData data)
    {
        var severities = new double[data.Exceptions];
        var shortfalls = new double[data.Exceptions];
        var n = 0;
        for (var t = 0; t < data.Count; t++)
        {
            if (data.Hits[t])
            {
                var es = data.ExpectedShortfall[t];
                if (!(es > 0) || double.IsInfinity(es))
                {
                    return Undefined("an exception day has no positive ES");
                }

                shortfalls[n] = es;
                severities[n++] = data.Losses[t] / es;
            }
        }

        if (n == 0)
        {
            return Undefined(data.Count == 0 ? "no observations" : "no exceptions");
        }

        var mean = severities.Average();
        var z1 = 1 - mean;
        if (!(mean > 0))
        {
            return new TestResult(TestName, z1, 0, [new PValue(PValueMethods.Resampled, double.NaN)],
                "the mean severity L / ES over the exceptions is not positive");
        }

        // The skew-corrected bootstrap-t of E[u] = 1 (NaN with fewer than five exceptions or without a spread).
        var resampled = SkewCorrectedBootstrap.PValue(severities.AsSpan(0, n), 1, DufourMonteCarlo.SeedOf(TestName), Replications);

        // From the forecasts' laws where the data carry them: the exception days' losses redrawn beyond their VaR; the
        // Monte Carlo helper counts replicates at least as large, so it tests −Z1.
        var law = DufourMonteCarlo.ExceedanceLawPValue(TestName, data, -z1, draw =>
        {
            var sum = 0.0;
            for (var i = 0; i < draw.Length; i++)
            {
                sum += draw[i] / shortfalls[i];
            }

            return sum / draw.Length - 1;
        });
        // Why the primary p-value is missing, whether or not the laws give the mc one (the same reason with and without them).
        var why = !double.IsNaN(resampled) ? null
            : n < SkewCorrectedBootstrap.MinimumCount ? "fewer than five exceptions (the resampled p-value needs five)"
            : "the severities L / ES have no spread";
        return new TestResult(TestName, z1, 0, [new PValue(PValueMethods.Resampled, resampled)], why).With(law);
    }

    private static TestResult Undefined(string why) =>
        new(TestName, double.NaN, 0, [new PValue(PValueMethods.Resampled, double.NaN)], why);
}
