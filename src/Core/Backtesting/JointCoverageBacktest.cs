namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Christoffersen's (1998) conditional coverage test as the joint likelihood ratio of his paper
/// (the textbook form), beside the LR_pof + LR_ind sum of <see cref="ConditionalCoverageBacktest"/>:
/// over the T − 1 transitions, <c>LR_cc = −2 ln[(1 − p)^(n00+n10) p^(n01+n11) /
/// ((1 − π01)^n00 π01^n01 (1 − π11)^n10 π11^n11)] ~ χ²(2)</c>, plus a Dufour Monte Carlo p-value.
/// </summary>
/// <remarks>It equals LR_pof on the transitions' destination days (T − 1 days, n01 + n11 exceptions)
/// plus LR_ind, so it differs from the sum form only through the first day. Undefined with fewer
/// than two observations.</remarks>
public sealed class JointCoverageBacktest : IBacktest
{
    public const string TestName = "christoffersen-cc-joint";

    public string Name => TestName;

    public string Description => "Christoffersen (1998) conditional coverage, joint LR over the T − 1 transitions ~ χ²(2); H0: rate 1 − α and independent";

    public BacktestNeeds Needs => BacktestNeeds.Hits;

    public TestResult Run(BacktestData data)
    {
        var rate = data.ExpectedRate;
        var result = TestResult.FromChiSquared(TestName, Compute(data.Hits, rate), "fewer than two observations");
        return result.With(DufourMonteCarlo.HitPValue(TestName, data, result.Statistic, h => Compute(h, rate).Statistic));
    }

    /// <summary>The joint LR test of a hit sequence; undefined (NaN) with fewer than two days.</summary>
    public static HypothesisTest Compute(ReadOnlySpan<bool> hits, double expectedRate)
    {
        BacktestArguments.CheckRate(expectedRate);
        var c = TransitionCounts.Of(hits);
        if (c.Total == 0)
        {
            return HypothesisTest.Undefined(2);
        }

        var fromZero = c.N00 + c.N01;
        var fromOne = c.N10 + c.N11;
        var markov = BernoulliLogLikelihood.Of(c.N01, c.N00, fromZero > 0 ? (double)c.N01 / fromZero : 0.0)
                     + BernoulliLogLikelihood.Of(c.N11, c.N10, fromOne > 0 ? (double)c.N11 / fromOne : 0.0);
        var restricted = BernoulliLogLikelihood.Of(c.N01 + c.N11, c.N00 + c.N10, expectedRate);
        return ChiSquaredTail.Test(2 * (markov - restricted), 2);
    }
}
