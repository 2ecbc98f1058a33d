using MathNet.Numerics.Distributions;
using RiskGrid.Core.Backtesting;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>The ES tests' Monte Carlo p-values from the forecasts' laws: absent without laws, and of their size with them.</summary>
public sealed class LawMonteCarloTests
{
    // T normal days at level alpha with the correct forecasts and their law (σ = 1).
    private static BacktestData Sample(int days, double alpha, Random rng, bool law)
    {
        var q = Normal.InvCDF(0, 1, alpha);
        var es = Normal.PDF(0, 1, q) / (1 - alpha);
        var losses = Enumerable.Range(0, days).Select(_ => Normal.InvCDF(0, 1, rng.NextDouble())).ToArray();
        return new BacktestData(losses, Enumerable.Repeat(q, days).ToArray(), Enumerable.Repeat(es, days).ToArray(), alpha,
            volatility: Enumerable.Repeat(1.0, days).ToArray(), tailQuantile: law ? (_, p) => -Normal.InvCDF(0, 1, p) : null);
    }

    [Fact]
    public void Without_laws_there_is_no_law_p_value_and_with_them_it_has_its_size_on_few_exceptions()
    {
        var rng = new Random(5);
        Assert.True(double.IsNaN(new EsZ1Backtest().Run(Sample(250, 0.99, rng, law: false)).PValueOf(PValueMethods.MonteCarlo)));
        const int samples = 200;
        int z1 = 0, mf = 0, defined = 0;
        for (var i = 0; i < samples; i++)
        {
            var data = Sample(250, 0.99, rng, law: true); // 2.5 expected exceptions: the resampled null fails here
            var p = new EsZ1Backtest().Run(data).PValueOf(PValueMethods.MonteCarlo);
            if (!double.IsNaN(p))
            {
                defined++;
                z1 += p <= 0.05 ? 1 : 0;
            }

            var m = new McNeilFreyBacktest(standardised: true).Run(data).PValueOf(PValueMethods.MonteCarlo);
            mf += m <= 0.05 ? 1 : 0;
        }

        // Nominal 5% of ~180 defined samples is 9; the binomial 99.9% band is about 1–21.
        Assert.InRange(z1, 1, 21);
        Assert.InRange(mf, 0, 21);
        Assert.True(defined > 150, $"defined {defined}");
    }
}
