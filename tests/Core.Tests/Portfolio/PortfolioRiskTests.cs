using RiskGrid.Core.Distributions;
using RiskGrid.Core.Models;
using RiskGrid.Core.Portfolio;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Portfolio;

public sealed class PortfolioRiskTests
{
    private static readonly double[] Alphas = [0.95, 0.99];

    private static JointObservation[] Window(int days, int members, int seed, double volScale = 1)
    {
        var columns = Enumerable.Range(0, members).Select(i => Series.NoisyReturns(days, seed + i)).ToArray();
        return Enumerable.Range(0, days)
            .Select(t => JointObservation.OfReturns(new DateOnly(2020, 1, 1).AddDays(t),
                columns.Select(c => c[t] * volScale).ToArray()))
            .ToArray();
    }

    [Fact]
    public void Historical_simulation_of_one_instrument_equals_the_single_asset_model_bit_for_bit()
    {
        var window = Window(300, 1, 5);
        var portfolio = PortfolioRisk.Historical(window, [1.0], Alphas);
        var single = new HistoricalSimulation().Forecast(
            ModelWindow.OfReturns(window.Select(o => o.Returns[0]).ToArray()), ModelFit.Empty, Alphas);
        for (var k = 0; k < Alphas.Length; k++)
        {
            Assert.Equal(single[k].VaR, portfolio[k].VaR);
            Assert.Equal(single[k].ES, portfolio[k].ES);
        }
    }

    [Fact]
    public void Historical_simulation_takes_the_quantile_of_the_weighted_pnl()
    {
        var window = Window(250, 3, 11);
        double[] w = [0.5, 0.3, 0.2];
        var losses = window.Select(o => -(0.5 * o.Returns[0] + 0.3 * o.Returns[1] + 0.2 * o.Returns[2])).OrderBy(x => x).ToArray();
        var expected = EmpiricalQuantile.TailOfSorted(losses, 0.99);
        var actual = PortfolioRisk.Historical(window, w, [0.99])[0];
        Assert.Equal(expected.VaR, actual.VaR, 12);
        Assert.Equal(expected.ES, actual.ES, 12);
        Assert.True(actual.ES >= actual.VaR);
    }

    [Fact]
    public void Variance_covariance_without_model_volatility_uses_the_sample_covariance()
    {
        var window = Window(400, 2, 21);
        double[] w = [0.7, -0.3];
        var x = window.Select(o => o.Returns[0]).ToArray();
        var y = window.Select(o => o.Returns[1]).ToArray();
        double Mean(double[] v) => v.Average();
        double Cov(double[] a, double[] b) => a.Zip(b, (p, q) => (p - Mean(a)) * (q - Mean(b))).Sum() / (a.Length - 1);
        var variance = 0.49 * Cov(x, x) + 0.09 * Cov(y, y) - 2 * 0.21 * Cov(x, y);
        var mean = 0.7 * Mean(x) - 0.3 * Mean(y);

        var f = PortfolioRisk.VarianceCovariance(window, w, [0.99])!;
        Assert.Equal(Math.Sqrt(variance), f[0].Volatility, 10);
        Assert.Equal(StandardNormal.Quantile(0.99) * Math.Sqrt(variance) - mean, f[0].VaR, 10);
        Assert.Equal(StandardNormal.ExpectedShortfall(0.99) * Math.Sqrt(variance) - mean, f[0].ES, 10);
    }

    [Fact]
    public void Variance_covariance_with_model_volatility_scales_the_residual_correlation()
    {
        // Two members with identical residuals (correlation 1): σₚ = w₁s₁ + w₂s₂ for positive weights.
        var z = Series.NoisyReturns(300, 3);
        var window = z.Select((v, t) => new JointObservation(new DateOnly(2020, 1, 1).AddDays(t),
            [2 * v, 3 * v], [0.0, 0.0], [2.0, 3.0], [0.1, -0.2], [1.5, 4.0])).ToArray();
        var f = PortfolioRisk.VarianceCovariance(window, [0.6, 0.4], [0.99])!;
        var sigma = 0.6 * 1.5 + 0.4 * 4.0;
        var mean = 0.6 * 0.1 + 0.4 * -0.2;
        Assert.Equal(sigma, f[0].Volatility, 10);
        Assert.Equal(StandardNormal.Quantile(0.99) * sigma - mean, f[0].VaR, 10);
    }

    [Fact]
    public void Filtered_simulation_with_unit_volatility_equals_historical_simulation()
    {
        var plain = Window(250, 2, 31);
        var filtered = plain.Select(o => o with { Means = [0, 0], Volatilities = [1, 1], NextMeans = [0, 0], NextVolatilities = [1, 1] }).ToArray();
        double[] w = [0.4, 0.6];
        var hs = PortfolioRisk.Historical(plain, w, Alphas);
        var fhs = PortfolioRisk.FilteredHistorical(filtered, w, Alphas)!;
        for (var k = 0; k < Alphas.Length; k++)
        {
            Assert.Equal(hs[k].VaR, fhs[k].VaR, 12);
            Assert.Equal(hs[k].ES, fhs[k].ES, 12);
        }
    }

    [Fact]
    public void Filtered_simulation_rescales_to_the_next_day_volatility()
    {
        // Volatility doubles tomorrow for every member: the filtered VaR doubles.
        var plain = Window(250, 2, 41);
        var filtered = plain.Select(o => o with { Means = [0, 0], Volatilities = [1, 1], NextMeans = [0, 0], NextVolatilities = [2, 2] }).ToArray();
        double[] w = [0.5, 0.5];
        var hs = PortfolioRisk.Historical(plain, w, Alphas);
        var fhs = PortfolioRisk.FilteredHistorical(filtered, w, Alphas)!;
        Assert.Equal(2 * hs[1].VaR, fhs[1].VaR, 10);
        Assert.Equal(2 * hs[1].ES, fhs[1].ES, 10);
    }

    [Fact]
    public void Filtered_simulation_needs_model_volatilities()
    {
        Assert.Null(PortfolioRisk.FilteredHistorical(Window(100, 2, 1), [0.5, 0.5], Alphas));
    }

    [Fact]
    public void Correlation_of_a_constant_column_is_zero_off_the_diagonal()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new double[] { i, 5.0 }).ToArray();
        var r = SampleMoments.Correlation(rows);
        Assert.Equal(1, r[0, 0]);
        Assert.Equal(1, r[1, 1]);
        Assert.Equal(0, r[0, 1]);
    }
}
