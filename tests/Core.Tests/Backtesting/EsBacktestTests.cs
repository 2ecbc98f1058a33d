using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Tests.Backtesting;

public sealed class EsBacktestTests
{
    [Fact]
    public void Z2_matches_the_formula_in_the_loss_convention()
    {
        // Z2 = 1 − Σ L_t 1[L_t > VaR_t] / (T (1 − α) ES_t). Exceptions on days 2 (L = 3, ES = 2.5)
        // and 4 (L = 4, ES = 3); day 3 sits exactly on VaR and is not an exception.
        double[] losses = [0.5, 3.0, 2.0, 4.0, -1.0];
        double[] valueAtRisk = [2.0, 2.0, 2.0, 2.5, 2.0];
        double[] expectedShortfall = [2.5, 2.5, 2.5, 3.0, 2.5];
        const double alpha = 0.9;
        var expected = 1 - (3.0 / 2.5 + 4.0 / 3.0) / (5 * 0.1);

        Assert.Equal(expected, EsBacktest.Z2(losses, valueAtRisk, expectedShortfall, alpha), 12);
        var result = EsBacktest.Test(losses, valueAtRisk, expectedShortfall, alpha);
        Assert.Equal(expected, result.Statistic, 12);
        Assert.Equal(2, result.Exceptions);
        Assert.Equal((3.0 / 2.5 + 4.0 / 3.0) / 2, result.SeverityRatio, 12);
    }

    [Fact]
    public void Sign_follows_acerbi_szekely_zero_when_right_negative_when_es_too_low()
    {
        // Expected value under a correct normal model is 0; with ES too low it is negative.
        var correct = Simulate(5000, 0.975, varScale: 1.0, esScale: 1.0, seed: 1);
        var tooLow = Simulate(5000, 0.975, varScale: 1.0, esScale: 0.7, seed: 1);
        Assert.InRange(EsBacktest.Z2(correct.Losses, correct.VaR, correct.ES, 0.975), -0.15, 0.15);
        Assert.True(EsBacktest.Z2(tooLow.Losses, tooLow.VaR, tooLow.ES, 0.975) < -0.3);
    }

    [Fact]
    public void Degenerate_inputs_are_defined_or_nan_never_thrown()
    {
        // No exceptions: Z2 = 1, and every resampled Z2* is ≤ 1, so p = 1.
        var quiet = EsBacktest.Test([0.1, 0.2, -0.3], [2.0, 2.0, 2.0], [2.5, 2.5, 2.5], 0.99);
        Assert.Equal(new EsBacktestResult(1.0, 1.0, 0, double.NaN), quiet);

        // No observations, or an exception whose ES is not a positive number: undefined.
        Assert.True(double.IsNaN(EsBacktest.Test([], [], [], 0.99).Statistic));
        var badEs = EsBacktest.Test([3.0, 0.0], [2.0, 2.0], [double.NaN, 2.5], 0.99);
        Assert.True(double.IsNaN(badEs.Statistic) && double.IsNaN(badEs.PValue));
        Assert.Equal(1, badEs.Exceptions);

        // ES that is NaN on a day without an exception does not enter Z2.
        Assert.False(double.IsNaN(EsBacktest.Z2([3.0, 0.0], [2.0, 2.0], [2.5, double.NaN], 0.99)));

        // One exception: the resampled severities are all 1, only the count varies.
        var one = EsBacktest.Test([3.0, 0.0, 0.0, 0.0], [2.0, 2.0, 2.0, 2.0], [2.5, 2.5, 2.5, 2.5], 0.9);
        Assert.True(one.PValue is > 0 and <= 1);
    }

    [Fact]
    public void Same_input_gives_bit_identical_p_values()
    {
        var data = Simulate(1000, 0.975, varScale: 1.0, esScale: 0.9, seed: 3);
        var first = EsBacktest.Test(data.Losses, data.VaR, data.ES, 0.975);
        var second = EsBacktest.Test(data.Losses, data.VaR, data.ES, 0.975);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.PValue), BitConverter.DoubleToInt64Bits(second.PValue));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Statistic), BitConverter.DoubleToInt64Bits(second.Statistic));
    }

    /// <summary>
    /// Published Z2 critical values for i.i.d. returns (MATLAB Risk Management Toolbox,
    /// esbacktest unconditionalNormal / unconditionalT documentation example: 1,966 days, VaR level
    /// 97.5%, test level 99%): normal −0.34639 and Student t(3) −0.42986; the example's Z2 =
    /// −0.38265 has p = 0.0054099 (normal) and 0.018566 (t3). The resampled null, fed the exact
    /// tail severities of those distributions, must reproduce them (the t3 tail is heavy enough
    /// that a finite quantile grid of it is looser).
    /// </summary>
    [Theory]
    [InlineData(double.PositiveInfinity, -0.34639, 0.0054099, 0.0015)]
    [InlineData(3.0, -0.42986, 0.018566, 0.003)]
    public void Resampled_null_reproduces_published_critical_values(double nu, double criticalValue, double pValue,
        double pTolerance)
    {
        const double alpha = 0.975;
        var severities = TailSeverities(alpha, nu, 20_000);
        const int replications = 200_000;
        var quantile = EsBacktest.NullQuantile(0.01, severities, 1966, alpha, replications, 7);
        var p = EsBacktest.NullPValue(-0.38265, severities, 1966, alpha, replications, 7);
        Assert.Equal(criticalValue, quantile, tolerance: 0.01);
        Assert.Equal(pValue, p, tolerance: pTolerance);
    }

    [Fact]
    public void Resampled_null_reproduces_acerbi_szekelys_normal_thresholds()
    {
        // A–S (2014): for T = 250 at 97.5%, Z2's 5% and 0.01% critical values are about −0.70 and −1.8.
        var severities = TailSeverities(0.975, double.PositiveInfinity, 20_000);
        Assert.Equal(-0.70, EsBacktest.NullQuantile(0.05, severities, 250, 0.975, 100_000, 9), tolerance: 0.03);
        Assert.Equal(-1.8, EsBacktest.NullQuantile(0.0001, severities, 250, 0.975, 1_000_000, 9), tolerance: 0.1);
    }

    [Fact]
    public void Resampled_null_matches_a_direct_simulation_of_iid_returns()
    {
        // Slow reference: A–S's own procedure, Z2 simulated from i.i.d. Student t(3) returns with
        // the true VaR and ES; its 5% quantile (about −0.80) differs from the normal's −0.70.
        const double alpha = 0.975, nu = 3.0;
        const int days = 250, runs = 20_000;
        var q = StudentT.InvCDF(0, 1, nu, alpha);
        var es = StudentT.PDF(0, 1, nu, q) / (1 - alpha) * (nu + q * q) / (nu - 1);
        var rng = new Random(21);
        var direct = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var sum = 0.0;
            for (var t = 0; t < days; t++)
            {
                var loss = StudentT.Sample(rng, 0, 1, nu);
                sum += loss > q ? loss / es : 0;
            }

            direct[r] = 1 - sum / (days * (1 - alpha));
        }

        Array.Sort(direct);
        var resampled = EsBacktest.NullQuantile(0.05, TailSeverities(alpha, nu, 20_000), days, alpha, 100_000, 5);
        Assert.Equal(direct[(int)(0.05 * runs)], resampled, tolerance: 0.03);
        Assert.True(resampled < -0.75);
    }

    [Fact]
    public void Correct_model_is_rarely_rejected_and_es_too_low_often()
    {
        // Normal losses with a varying volatility; the model forecasts the right VaR and ES, or
        // the right VaR with ES 25% too low (exceptions as often as they should be, but larger).
        const int runs = 100;
        int falseRejections = 0, trueRejections = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var correct = Simulate(2000, 0.975, varScale: 1.0, esScale: 1.0, seed: 100 + seed);
            falseRejections += EsBacktest.Test(correct.Losses, correct.VaR, correct.ES, 0.975, 999).PValue < 0.05 ? 1 : 0;

            var tooLow = Simulate(2000, 0.975, varScale: 1.0, esScale: 0.75, seed: 100 + seed);
            trueRejections += EsBacktest.Test(tooLow.Losses, tooLow.VaR, tooLow.ES, 0.975, 999).PValue < 0.05 ? 1 : 0;
        }

        Assert.InRange(falseRejections / (double)runs, 0.0, 0.10);
        Assert.InRange(trueRejections / (double)runs, 0.60, 1.0);
    }

    [Fact]
    public void Underestimated_volatility_is_rejected_nearly_always()
    {
        // VaR and ES both 20% too low: more exceptions and larger ones.
        const int runs = 50;
        var rejections = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var data = Simulate(1000, 0.975, varScale: 0.8, esScale: 0.8, seed: 700 + seed);
            rejections += EsBacktest.Test(data.Losses, data.VaR, data.ES, 0.975, 999).PValue < 0.05 ? 1 : 0;
        }

        Assert.InRange(rejections / (double)runs, 0.9, 1.0);
    }

    // The α-tail of a distribution as exact quantiles: L_i = F⁻¹(α + (1 − α)(i − ½)/m), divided by
    // ES (the mean of the tail) so that the severities L/ES have mean ≈ 1.
    private static double[] TailSeverities(double alpha, double nu, int m)
    {
        Func<double, double> quantile = double.IsPositiveInfinity(nu)
            ? u => Normal.InvCDF(0, 1, u)
            : u => StudentT.InvCDF(0, 1, nu, u);
        var tail = Enumerable.Range(1, m).Select(i => quantile(alpha + (1 - alpha) * (i - 0.5) / m)).ToArray();
        var es = tail.Average();
        return tail.Select(l => l / es).ToArray();
    }

    private sealed record Sample(double[] Losses, double[] VaR, double[] ES);

    // Normal losses with volatility 1 + 0.5 sin(t/40); VaR and ES are the true ones times the scales.
    private static Sample Simulate(int days, double alpha, double varScale, double esScale, int seed)
    {
        var rng = new Random(seed);
        double z = StandardNormal.Quantile(alpha), e = StandardNormal.ExpectedShortfall(alpha);
        var losses = new double[days];
        var valueAtRisk = new double[days];
        var es = new double[days];
        for (var t = 0; t < days; t++)
        {
            var sigma = 1 + 0.5 * Math.Sin(t / 40.0);
            losses[t] = sigma * Normal.Sample(rng, 0, 1);
            valueAtRisk[t] = sigma * z * varScale;
            es[t] = sigma * e * esScale;
        }

        return new Sample(losses, valueAtRisk, es);
    }
}
