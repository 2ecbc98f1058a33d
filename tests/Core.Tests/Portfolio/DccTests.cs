using RiskGrid.Core.Distributions;
using RiskGrid.Core.Portfolio;

namespace RiskGrid.Core.Tests.Portfolio;

public sealed class DccTests
{
    private static readonly double[,] Target = { { 1, 0.5, 0.2 }, { 0.5, 1, 0.3 }, { 0.2, 0.3, 1 } };

    [Theory]
    [InlineData(0.05, 0.90, 1)]
    [InlineData(0.03, 0.95, 2)]
    public void Estimates_on_5000_simulated_days_lie_within_three_standard_errors(double a, double b, int seed)
    {
        var z = DccCorrelation.Simulate(Target, a, b, 5000, seed);
        var fit = DccCorrelation.Estimate(z)!;
        Assert.True(Math.Abs(fit.A - a) <= 3 * fit.ASe, $"a = {fit.A:G4} ± {fit.ASe:G3}, truth {a}");
        Assert.True(Math.Abs(fit.B - b) <= 3 * fit.BSe, $"b = {fit.B:G4} ± {fit.BSe:G3}, truth {b}");
        Assert.True(fit.LogLikelihood >= DccCorrelation.LogLikelihood(z, a, b) - 1e-6, "the estimate's likelihood is below the truth's");
    }

    [Fact]
    public void Log_likelihood_is_the_gaussian_density_of_z_given_each_days_correlation()
    {
        // Written out for two members: R_t has one correlation ρ_t; ln|R| + zᵀR⁻¹z − zᵀz.
        var z = DccCorrelation.Simulate(new double[,] { { 1, 0.4 }, { 0.4, 1 } }, 0.06, 0.9, 300, 7);
        var (a, b) = (0.04, 0.93);
        var qbar = DccCorrelation.Target(z);
        double q11 = qbar[0, 0], q22 = qbar[1, 1], q12 = qbar[0, 1], sum = 0;
        for (var t = 0; t < z.Length; t++)
        {
            if (t > 0)
            {
                var (x, y) = (z[t - 1][0], z[t - 1][1]);
                q11 = (1 - a - b) * qbar[0, 0] + a * x * x + b * q11;
                q22 = (1 - a - b) * qbar[1, 1] + a * y * y + b * q22;
                q12 = (1 - a - b) * qbar[0, 1] + a * x * y + b * q12;
            }

            var rho = q12 / Math.Sqrt(q11 * q22);
            var (u, v) = (z[t][0], z[t][1]);
            sum += Math.Log(1 - rho * rho) + (u * u - 2 * rho * u * v + v * v) / (1 - rho * rho) - (u * u + v * v);
        }

        Assert.Equal(-0.5 * sum, DccCorrelation.LogLikelihood(z, a, b), 9);
    }

    [Fact]
    public void Portfolio_dcc_uses_the_forecast_correlation_with_the_members_volatilities()
    {
        var z = DccCorrelation.Simulate(new double[,] { { 1, 0.6 }, { 0.6, 1 } }, 0.05, 0.9, 400, 3);
        var vols = new[] { 1.2, 0.8 };
        var next = new[] { 1.5, 0.9 };
        var window = z.Select((row, t) => new JointObservation(new DateOnly(2020, 1, 1).AddDays(t),
            [0.01 + vols[0] * row[0], vols[1] * row[1]], [0.01, 0.0], [.. vols], [0.02, 0.01], [.. next])).ToArray();
        double[] w = [0.6, 0.4];

        var f = PortfolioRisk.Dcc(window, w, [0.99])!;

        var fit = DccCorrelation.Estimate(z)!;
        var r = DccCorrelation.NextCorrelation(z, fit.A, fit.B, fit.Target);
        var sigma = Math.Sqrt(0.36 * 1.5 * 1.5 + 0.16 * 0.81 + 2 * 0.24 * r[0, 1] * 1.5 * 0.9);
        var mean = 0.6 * 0.02 + 0.4 * 0.01;
        Assert.Equal(StandardNormal.Quantile(0.99) * sigma - mean, f[0].VaR, 8);
        Assert.Equal(StandardNormal.ExpectedShortfall(0.99) * sigma - mean, f[0].ES, 8);
        Assert.InRange(r[0, 1], 0.3, 0.9);

        // Without model volatilities (historical-simulation members) there is no DCC forecast.
        Assert.Null(PortfolioRisk.Dcc([.. window.Select(o => JointObservation.OfReturns(o.Date, o.Returns))], w, [0.99]));
        Assert.Equal("dcc", PortfolioMethods.Name(PortfolioMethod.Dcc));
        Assert.Equal(PortfolioMethod.Dcc, PortfolioMethods.Parse("DCC"));
    }

    [Fact]
    public void A_state_saved_before_dcc_existed_gains_an_empty_dcc_history()
    {
        var padded = PortfolioState.Padded([[], [], []]);
        Assert.Equal(PortfolioMethods.All.Count, padded.Length);
        Assert.Empty(padded[(int)PortfolioMethod.Dcc]);
    }
}
