using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class KupiecTestTests
{
    // LR_pof = −2 ln[(1−p)^(T−x) p^x / ((1−x/T)^(T−x) (x/T)^x)], written out for 0 < x < T.
    private static double ClosedForm(int days, int exceptions, double p)
    {
        double t = days, x = exceptions, rate = x / t;
        var restricted = (t - x) * Math.Log(1 - p) + x * Math.Log(p);
        var unrestricted = (t - x) * Math.Log(1 - rate) + x * Math.Log(rate);
        return -2 * (restricted - unrestricted);
    }

    [Theory]
    [InlineData(250, 5, 0.01)]
    [InlineData(250, 1, 0.01)]
    [InlineData(1000, 60, 0.05)]
    [InlineData(500, 3, 0.025)]
    [InlineData(20, 19, 0.5)]
    public void Statistic_and_p_value_match_the_closed_form(int days, int exceptions, double p)
    {
        var test = KupiecTest.FromCounts(days, exceptions, p);
        var expected = ClosedForm(days, exceptions, p);
        Assert.Equal(expected, test.Statistic, 10);
        Assert.Equal(ClosedForms.ChiSquared1Tail(expected), test.PValue, 10);
        Assert.Equal(1, test.DegreesOfFreedom);
    }

    [Fact]
    public void Hit_sequence_gives_the_same_result_as_its_counts()
    {
        var hits = HitSequences.Parse("0000100000 0001100000 0000000001");
        Assert.Equal(KupiecTest.FromCounts(30, 4, 0.05), KupiecTest.Compute(hits, 0.05));
    }

    [Fact]
    public void No_exceptions_and_all_exceptions_are_defined()
    {
        // x = 0: the unrestricted likelihood is (1 − 0)^T = 1, so LR = −2 T ln(1 − p).
        var none = KupiecTest.FromCounts(250, 0, 0.01);
        Assert.Equal(-2 * 250 * Math.Log(0.99), none.Statistic, 10);
        Assert.Equal(ClosedForms.ChiSquared1Tail(none.Statistic), none.PValue, 12);

        // x = T: LR = −2 T ln p.
        var all = KupiecTest.FromCounts(10, 10, 0.05);
        Assert.Equal(-2 * 10 * Math.Log(0.05), all.Statistic, 10);
        Assert.True(all.PValue is > 0 and < 1e-10);
    }

    [Fact]
    public void Exact_coverage_is_not_rejected_and_no_data_is_undefined()
    {
        var exact = KupiecTest.FromCounts(1000, 10, 0.01);
        Assert.Equal(0.0, exact.Statistic, 12);
        Assert.Equal(1.0, exact.PValue, 12);

        var empty = KupiecTest.Compute([], 0.01);
        Assert.True(double.IsNaN(empty.Statistic) && double.IsNaN(empty.PValue));
        Assert.False(empty.Rejects(0.05));
    }

    /// <summary>
    /// Kupiec's (1995) 95% non-rejection regions for the number of exceptions N, as reproduced in
    /// Jorion, "Value at Risk" (the "model backtesting, 95% nonrejection test confidence regions" table):
    /// lower &lt; N &lt; upper.
    /// </summary>
    [Theory]
    [InlineData(0.025, 255, 2, 12)]
    [InlineData(0.05, 255, 6, 21)]
    [InlineData(0.075, 255, 11, 28)]
    [InlineData(0.10, 255, 16, 36)]
    [InlineData(0.01, 510, 1, 11)]
    [InlineData(0.025, 510, 6, 21)]
    [InlineData(0.05, 510, 16, 36)]
    [InlineData(0.075, 510, 27, 51)]
    [InlineData(0.10, 510, 38, 65)]
    [InlineData(0.01, 1000, 4, 17)]
    [InlineData(0.025, 1000, 15, 36)]
    [InlineData(0.05, 1000, 37, 65)]
    [InlineData(0.075, 1000, 59, 92)]
    [InlineData(0.10, 1000, 81, 120)]
    public void Reproduces_the_published_non_rejection_regions(double p, int days, int lower, int upper)
    {
        for (var n = 0; n <= Math.Min(days, upper + 5); n++)
        {
            var accepted = !KupiecTest.FromCounts(days, n, p).Rejects(0.05);
            Assert.True(accepted == (n > lower && n < upper), $"p={p}, T={days}, N={n}: accepted={accepted}");
        }
    }

    [Fact]
    public void Published_region_at_one_percent_over_255_days_has_upper_bound_7()
    {
        // The table lists "N < 7" here; the LR also rejects N = 0 (LR = −510 ln 0.99 = 5.13 > 3.84),
        // which the table leaves out, so only the upper end is checked.
        Assert.False(KupiecTest.FromCounts(255, 6, 0.01).Rejects(0.05));
        Assert.True(KupiecTest.FromCounts(255, 7, 0.01).Rejects(0.05));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Invalid_rate_throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KupiecTest.FromCounts(10, 1, p));
}
