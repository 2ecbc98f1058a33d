using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// McNeil–Frey (2000) exceedance-residual test: on the exception days the residuals
/// x_t = L_t − ES_t (raw) or (L_t − ES_t)/σ_t (standardised by the forecast volatility) have mean 0
/// under a correct ES; ES too low makes them positive. Statistic t = x̄ / (s/√n); one-sided p-value by
/// a seeded bootstrap-t of the residuals, with the Student t(n − 1) p-value beside it.
/// </summary>
/// <remarks>
/// The bootstrap (Efron &amp; Tibshirani 1993, §16.4, as McNeil–Frey use it) draws B = 999 resamples of the n
/// residuals and studentises each about the observed mean, t*_b = (x̄*_b − x̄)/(s*_b/√n), so no
/// normality is assumed: p = (1 + #{t* ≥ t}) / (B' + 1) over the B' resamples with s* &gt; 0. (esback's
/// <c>er_backtest</c> instead recentres the resampled t's by their mean; the two agree asymptotically.)
/// The stream is SplitMix64 seeded by the test's name: same residuals, same p-value. Undefined with fewer
/// than three exceptions or residuals without spread, and the standardised form where the forecasts have no
/// volatility (historical simulation gives none).
/// <para>Where the data carry the forecasts' predictive laws (<see cref="BacktestData.HasLaw"/>), a third p-value
/// (<c>mc</c>) draws the exception days' losses from each day's law beyond its VaR and recomputes t
/// (<see cref="DufourMonteCarlo.ExceedanceLawPValue"/>): exact given the exception days, where the bootstrap-t runs
/// conservative on heavy tails (BacktestBench --quick, GJR-t data with the true forecasts: 0.3–2.7%).</para>
/// </remarks>
public sealed class McNeilFreyBacktest(bool standardised) : IBacktest
{
    public const string RawName = "mcneil-frey";

    public const string StandardisedName = "mcneil-frey-std";

    /// <summary>Bootstrap resamples B.</summary>
    public const int Replications = 999;

    public string Name => standardised ? StandardisedName : RawName;

    public string Description => standardised
        ? "McNeil–Frey (2000) exceedance residuals (L − ES)/σ on exception days have mean 0; one-sided bootstrap-t"
        : "McNeil–Frey (2000) exceedance residuals L − ES on exception days have mean 0; one-sided bootstrap-t";

    public BacktestNeeds Needs => BacktestNeeds.Hits | BacktestNeeds.Losses | BacktestNeeds.ES
        | (standardised ? BacktestNeeds.Volatility : BacktestNeeds.None);

    public TestResult Run(BacktestData data)
    {
        if (standardised && !data.HasVolatility)
        {
            return Undefined(data.Count == 0 ? "no observations" : "the forecasts have no volatility");
        }

        var residuals = new List<double>(data.Exceptions);
        var shortfalls = new List<double>(data.Exceptions);
        var scales = new List<double>(data.Exceptions);
        for (var t = 0; t < data.Count; t++)
        {
            if (data.Hits[t])
            {
                var x = data.Losses[t] - data.ExpectedShortfall[t];
                residuals.Add(standardised ? x / data.Volatility[t] : x);
                shortfalls.Add(data.ExpectedShortfall[t]);
                scales.Add(standardised ? data.Volatility[t] : 1);
            }
        }

        if (residuals.Count < 3)
        {
            return Undefined("fewer than three exceptions");
        }

        if (!residuals.TrueForAll(double.IsFinite))
        {
            return Undefined("an exception day has no finite ES");
        }

        var x0 = residuals.ToArray();
        var (mean, sd) = MeanSd(x0);
        if (!(sd > 0))
        {
            return Undefined("the exceedance residuals have no spread");
        }

        var n = x0.Length;
        var statistic = mean / (sd / Math.Sqrt(n));
        var residual = new double[n];
        var law = DufourMonteCarlo.ExceedanceLawPValue(Name, data, statistic, draw =>
        {
            for (var i = 0; i < n; i++)
            {
                residual[i] = (draw[i] - shortfalls[i]) / scales[i];
            }

            var (m, s) = MeanSd(residual);
            return s > 0 ? m / (s / Math.Sqrt(n)) : double.NaN;
        });
        return new TestResult(Name, statistic, n - 1,
            [new PValue(PValueMethods.Bootstrap, BootstrapPValue(x0, mean, statistic, DufourMonteCarlo.SeedOf(Name))),
             new PValue(PValueMethods.Normal, 1 - StudentT.CDF(0, 1, n - 1, statistic))], null).With(law);
    }

    /// <summary>One-sided bootstrap-t p-value P(t* ≥ t) of a mean-zero test on <paramref name="residuals"/>.</summary>
    internal static double BootstrapPValue(double[] residuals, double mean, double statistic, ulong seed, int replications = Replications)
    {
        var rng = new SplitMix64(seed);
        var n = residuals.Length;
        var draw = new double[n];
        int atLeast = 0, defined = 0;
        for (var b = 0; b < replications; b++)
        {
            for (var i = 0; i < n; i++)
            {
                draw[i] = residuals[rng.NextIndex(n)];
            }

            var (m, s) = MeanSd(draw);
            if (s > 0)
            {
                defined++;
                atLeast += (m - mean) / (s / Math.Sqrt(n)) >= statistic ? 1 : 0;
            }
        }

        return defined == 0 ? double.NaN : (1.0 + atLeast) / (defined + 1.0);
    }

    private static (double Mean, double Sd) MeanSd(ReadOnlySpan<double> x)
    {
        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        var squares = 0.0;
        foreach (var v in x)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / (x.Length - 1)));
    }

    private TestResult Undefined(string why) =>
        new(Name, double.NaN, 0, [new PValue(PValueMethods.Bootstrap, double.NaN), new PValue(PValueMethods.Normal, double.NaN)], why);
}
