using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>TUFF, the joint Christoffersen LR_cc, the Basel plus factor and the FRTB desk rule against closed forms.</summary>
public sealed class CoverageRuleTests
{
    private static BacktestData Data(bool[] hits, double alpha) =>
        new(hits.Select(h => h ? 2.0 : 0.0).ToArray(), Enumerable.Repeat(1.0, hits.Length).ToArray(), Enumerable.Repeat(1.5, hits.Length).ToArray(), alpha);

    [Theory]
    [InlineData(1, 0.01)]
    [InlineData(30, 0.01)]
    [InlineData(100, 0.01)]
    [InlineData(7, 0.05)]
    public void Tuff_is_the_closed_form_likelihood_ratio_of_the_first_exceptions_day(int n, double p)
    {
        var hits = new bool[250];
        hits[n - 1] = true;
        hits[200] = true; // later exceptions do not matter
        var expected = -2 * (Math.Log(p) + (n - 1) * Math.Log(1 - p))
                       + 2 * (Math.Log(1.0 / n) + (n > 1 ? (n - 1) * Math.Log(1 - 1.0 / n) : 0));
        var test = TuffBacktest.Compute(hits, p);
        Assert.Equal(expected, test.Statistic, 10);
        Assert.Equal(1 - MathNet.Numerics.Distributions.ChiSquared.CDF(1, expected), test.PValue, 10);

        var result = new TuffBacktest().Run(Data(hits, 1 - p));
        Assert.Equal([PValueMethods.ChiSquared, PValueMethods.MonteCarlo], result.PValues.Select(x => x.Method));
        Assert.InRange(result.PValueOf(PValueMethods.MonteCarlo), 0, 1);
    }

    [Fact]
    public void Tuff_without_an_exception_is_undefined_and_an_early_one_rejects()
    {
        var none = new TuffBacktest().Run(Data(new bool[100], 0.99));
        Assert.Equal("no exception", none.Undefined);
        Assert.True(double.IsNaN(none.PValue) && double.IsNaN(none.PValueOf(PValueMethods.MonteCarlo)));
        // First exception on day 1 at 99%: LR = −2 ln 0.01 = 9.21, p ≈ 0.0024; P(n = 1) = 1% under H0.
        var first = new TuffBacktest().Run(Data([true, .. new bool[99]], 0.99));
        Assert.Equal(-2 * Math.Log(0.01), first.Statistic, 10);
        Assert.InRange(first.PValueOf(PValueMethods.MonteCarlo), 0.0, 0.03);
    }

    [Fact]
    public void Joint_conditional_coverage_is_the_likelihood_ratio_over_the_transitions()
    {
        // 0 1 1 0 0 0 1 0 0 0: n00 = 4, n01 = 2, n10 = 2, n11 = 1; p = 0.1.
        var hits = HitSequences.Parse("0110001000");
        const double p = 0.1;
        double pi01 = 2.0 / 6, pi11 = 1.0 / 3;
        var markov = 4 * Math.Log(1 - pi01) + 2 * Math.Log(pi01) + 2 * Math.Log(1 - pi11) + Math.Log(pi11);
        var restricted = 6 * Math.Log(1 - p) + 3 * Math.Log(p);
        var joint = JointCoverageBacktest.Compute(hits, p);
        Assert.Equal(2 * (markov - restricted), joint.Statistic, 12);
        Assert.Equal(2, joint.DegreesOfFreedom);

        // = LR_pof on the T − 1 destination days + LR_ind, for any sequence.
        foreach (var seed in Enumerable.Range(0, 20))
        {
            var h = HitSequences.Markov(300, 0.03, 0.2, seed);
            var c = TransitionCounts.Of(h);
            var sum = KupiecTest.FromCounts(h.Length - 1, c.N01 + c.N11, 0.025).Statistic + ChristoffersenTest.Independence(h).Statistic;
            Assert.Equal(sum, JointCoverageBacktest.Compute(h, 0.025).Statistic, 9);
        }

        Assert.True(double.IsNaN(JointCoverageBacktest.Compute([true], 0.01).Statistic));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(4, 0.0)]
    [InlineData(5, 0.40)]
    [InlineData(6, 0.50)]
    [InlineData(7, 0.65)]
    [InlineData(8, 0.75)]
    [InlineData(9, 0.85)]
    [InlineData(10, 1.0)]
    [InlineData(25, 1.0)]
    public void Basel_plus_factor_follows_the_committees_table(int exceptions, double plus)
    {
        Assert.Equal(plus, BaselPlusFactorBacktest.PlusFactor(exceptions));
        // The last 250 of 400 days count: 3 early exceptions are outside the window.
        var hits = new bool[400];
        for (var i = 0; i < 3; i++)
        {
            hits[i * 10] = true;
        }

        for (var i = 0; i < exceptions; i++)
        {
            hits[399 - i * 9] = true;
        }

        var result = new BaselPlusFactorBacktest().Run(Data(hits, 0.99));
        Assert.Equal(plus, result.Statistic);
        Assert.Empty(result.PValues);
        Assert.Null(result.Undefined);
    }

    [Fact]
    public void Basel_and_frtb_rules_say_where_they_do_not_apply()
    {
        var year = HitSequences.Bernoulli(250, 0.01, 1);
        Assert.Contains("99% VaR only", new BaselPlusFactorBacktest().Run(Data(year, 0.975)).Undefined);
        Assert.Contains("fewer than 250", new BaselPlusFactorBacktest().Run(Data(year[..249], 0.99)).Undefined);
        Assert.Contains("97.5% and 99%", new FrtbDeskBacktest().Run(Data(year, 0.95)).Undefined);
        Assert.Contains("fewer than 250", new FrtbDeskBacktest().Run(Data(year[..100], 0.975)).Undefined);
    }

    [Theory]
    [InlineData(0.99, 12, 0.0)]
    [InlineData(0.99, 13, 1.0)]
    [InlineData(0.975, 30, 0.0)]
    [InlineData(0.975, 31, 1.0)]
    [InlineData(0.975, 5, -25.0)]
    public void Frtb_desk_rule_counts_the_last_250_days_against_its_limit(double alpha, int exceptions, double excess)
    {
        var hits = new bool[300];
        hits[10] = hits[20] = true; // outside the window
        for (var i = 0; i < exceptions; i++)
        {
            hits[299 - i * 7] = true;
        }

        Assert.Equal(excess, new FrtbDeskBacktest().Run(Data(hits, alpha)).Statistic);
    }
}
