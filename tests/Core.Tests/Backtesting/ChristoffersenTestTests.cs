using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class ChristoffersenTestTests
{
    // LR_ind = −2 ln[(1−π)^(n00+n10) π^(n01+n11) / ((1−π01)^n00 π01^n01 (1−π11)^n10 π11^n11)],
    // evaluated as a ratio of products (a different route from the implementation's log sums).
    private static double ClosedForm(int n00, int n01, int n10, int n11)
    {
        double pi01 = (double)n01 / (n00 + n01), pi11 = (double)n11 / (n10 + n11);
        var pi = (double)(n01 + n11) / (n00 + n01 + n10 + n11);
        var iid = Math.Pow(1 - pi, n00 + n10) * Math.Pow(pi, n01 + n11);
        var markov = Math.Pow(1 - pi01, n00) * Math.Pow(pi01, n01) * Math.Pow(1 - pi11, n10) * Math.Pow(pi11, n11);
        return -2 * Math.Log(iid / markov);
    }

    [Fact]
    public void Clustered_sequence_matches_the_closed_form()
    {
        // pairs: 00 00 00 01 11 11 10 00 00 00 00 01 11 10 00 → n00 = 8, n01 = 2, n10 = 2, n11 = 3.
        var hits = HitSequences.Parse("0000111 00000 11 00");
        Assert.Equal(new TransitionCounts(8, 2, 2, 3), TransitionCounts.Of(hits));

        var ind = ChristoffersenTest.Independence(hits);
        var expected = ClosedForm(8, 2, 2, 3);
        Assert.Equal(expected, ind.Statistic, 10);
        Assert.Equal(ClosedForms.ChiSquared1Tail(expected), ind.PValue, 10);
        Assert.True(expected > 1, "exceptions following exceptions should show as dependence");

        // LR_cc = LR_pof + LR_ind ~ χ²(2), whose survival function is exp(−s/2).
        var cc = ChristoffersenTest.ConditionalCoverage(hits, 0.05);
        var pof = KupiecTest.FromCounts(16, 5, 0.05).Statistic;
        Assert.Equal(pof + expected, cc.Statistic, 10);
        Assert.Equal(ClosedForms.ChiSquared2Tail(pof + expected), cc.PValue, 10);
        Assert.Equal(2, cc.DegreesOfFreedom);
    }

    [Fact]
    public void Equal_transition_rates_give_zero()
    {
        // pairs: 00 01 11 10 00 00 01 10 00 → n00 = 4, n01 = 2, n10 = 2, n11 = 1: π01 = π11 = π = 1/3.
        var hits = HitSequences.Parse("0011000100");
        Assert.Equal(new TransitionCounts(4, 2, 2, 1), TransitionCounts.Of(hits));
        var ind = ChristoffersenTest.Independence(hits);
        Assert.Equal(0.0, ind.Statistic, 12);
        Assert.Equal(1.0, ind.PValue, 12);
    }

    [Fact]
    public void Alternating_exceptions_are_dependent_too()
    {
        // 0101010101: n01 = 5, n10 = 4, n00 = n11 = 0; π01 = 1, π11 = 0, π = 5/9. The Markov
        // likelihood is 1, so LR = −2[4 ln(4/9) + 5 ln(5/9)].
        var ind = ChristoffersenTest.Independence(HitSequences.Parse("0101010101"));
        Assert.Equal(-2 * (4 * Math.Log(4.0 / 9) + 5 * Math.Log(5.0 / 9)), ind.Statistic, 10);
    }

    [Theory]
    [InlineData("0000000000")]
    [InlineData("1111111111")]
    [InlineData("0000000001")]
    [InlineData("1000000000")]
    public void Degenerate_sequences_are_defined_with_no_evidence_of_dependence(string pattern)
    {
        // No exceptions / all exceptions / a state never left: the Markov and i.i.d. fits coincide.
        var ind = ChristoffersenTest.Independence(HitSequences.Parse(pattern));
        Assert.Equal(0.0, ind.Statistic, 12);
        Assert.Equal(1.0, ind.PValue, 12);
    }

    [Fact]
    public void One_isolated_exception_uses_zero_log_zero()
    {
        // 010: n01 = n10 = 1: π01 = 1, π11 = 0 (Markov likelihood 1), π = 1/2: LR = −2·2 ln ½ = 4 ln 2.
        var ind = ChristoffersenTest.Independence(HitSequences.Parse("010"));
        Assert.Equal(4 * Math.Log(2), ind.Statistic, 12);
    }

    [Fact]
    public void Too_short_sequences_are_undefined_not_zero()
    {
        var one = HitSequences.Parse("1");
        Assert.True(double.IsNaN(ChristoffersenTest.Independence(one).Statistic));
        Assert.True(double.IsNaN(ChristoffersenTest.ConditionalCoverage(one, 0.01).PValue));
        Assert.False(double.IsNaN(KupiecTest.Compute(one, 0.01).Statistic));
        Assert.True(double.IsNaN(ChristoffersenTest.Independence([]).PValue));
    }

    [Fact]
    public void Independent_hits_are_rarely_rejected_and_clustered_hits_usually_are()
    {
        int independentRejections = 0, clusteredRejections = 0;
        const int runs = 200;
        for (var seed = 0; seed < runs; seed++)
        {
            if (ChristoffersenTest.Independence(HitSequences.Bernoulli(1000, 0.05, seed)).Rejects(0.05))
            {
                independentRejections++;
            }

            if (ChristoffersenTest.Independence(HitSequences.Markov(1000, 0.03, 0.30, 1000 + seed)).Rejects(0.05))
            {
                clusteredRejections++;
            }
        }

        Assert.InRange(independentRejections / (double)runs, 0.0, 0.10);
        Assert.InRange(clusteredRejections / (double)runs, 0.90, 1.0);
    }
}
