namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Kupiec (1995) time until first failure: with n the day of the first exception (1-based),
/// <c>LR = −2 ln[p (1 − p)^(n−1)] + 2 ln[(1/n)(1 − 1/n)^(n−1)] ~ χ²(1)</c> under H0 (the first
/// exception's day is geometric with rate p), and a Dufour Monte Carlo p-value (samples without an
/// exception redrawn, as the observed one has one).
/// </summary>
/// <remarks>Undefined without an exception: the sample says only that n &gt; T.</remarks>
public sealed class TuffBacktest : IBacktest
{
    public const string TestName = "tuff";

    public string Name => TestName;

    public string Description => "Kupiec (1995) time until first failure, LR ~ χ²(1); H0: the first exception's day is geometric(1 − α)";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var rate = data.ExpectedRate;
        var result = TestResult.FromChiSquared(TestName, Compute(data.Hits, rate), "no exception");
        return result.With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => Compute(h, rate).Statistic));
    }

    /// <summary>The LR test on a hit sequence; undefined (NaN) without an exception.</summary>
    public static HypothesisTest Compute(ReadOnlySpan<bool> hits, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        var first = hits.IndexOf(true);
        if (first < 0)
        {
            return HypothesisTest.Undefined(1);
        }

        var n = first + 1;
        var lr = 2 * (BernoulliLogLikelihood.Of(1, n - 1, 1.0 / n) - BernoulliLogLikelihood.Of(1, n - 1, expectedRate));
        return ChiSquaredTail.Test(lr, 1);
    }
}
