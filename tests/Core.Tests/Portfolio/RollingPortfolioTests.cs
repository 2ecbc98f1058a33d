using RiskGrid.Core.Engine;
using RiskGrid.Core.Portfolio;
using RiskGrid.Core.Tests.TestSupport;

namespace RiskGrid.Core.Tests.Portfolio;

public sealed class RollingPortfolioTests
{
    private static readonly PortfolioOptions Options = new() { Weights = [0.6, 0.4], Window = 50, Alphas = [0.95, 0.99] };

    private static JointObservation[] Days(int days, int seed)
    {
        var a = Series.NoisyReturns(days, seed);
        var b = Series.NoisyReturns(days, seed + 100);
        return Enumerable.Range(0, days)
            .Select(t => JointObservation.OfReturns(new DateOnly(2021, 1, 1).AddDays(t), [a[t], b[t]])).ToArray();
    }

    [Fact]
    public void Each_forecast_is_realised_by_the_next_days_portfolio_return()
    {
        var days = Days(120, 1);
        var portfolio = new RollingPortfolio(Options);
        foreach (var d in days)
        {
            portfolio.Append(d);
        }

        var hs = portfolio.State.ForecastsOf(PortfolioMethod.Historical);
        Assert.Equal(120 - 50 + 1, hs.Count);
        Assert.False(hs[^1].IsRealized);
        for (var i = 0; i < hs.Count - 1; i++)
        {
            Assert.Equal(days[49 + i].Date, hs[i].OriginDate);
            Assert.Equal(days[50 + i].Date, hs[i].TargetDate);
            Assert.Equal(0.6 * days[50 + i].Returns[0] + 0.4 * days[50 + i].Returns[1], hs[i].Realized, 14);
        }

        // Historical simulation at day k uses exactly days k-49..k.
        var direct = PortfolioRisk.Historical(days[30..80], Options.Weights, Options.Alphas);
        Assert.Equal(direct[1].VaR, hs[30].VaR[1]);

        // The joint days carry no model volatility: filtered simulation is missing, variance–covariance is not.
        Assert.All(portfolio.State.ForecastsOf(PortfolioMethod.FilteredHistorical), f => Assert.False(f.HasForecast));
        Assert.All(portfolio.State.ForecastsOf(PortfolioMethod.VarianceCovariance), f => Assert.True(f.HasForecast));
    }

    [Fact]
    public void A_portfolio_resumed_from_its_state_continues_exactly()
    {
        var days = Days(150, 2);
        var whole = new RollingPortfolio(Options);
        foreach (var d in days)
        {
            whole.Append(d);
        }

        var first = new RollingPortfolio(Options);
        foreach (var d in days.Take(77))
        {
            first.Append(d);
        }

        var copy = new PortfolioState
        {
            Rows = [.. first.State.Rows],
            RowsSeen = first.State.RowsSeen,
            LastDate = first.State.LastDate,
            LastPnL = first.State.LastPnL,
            Growth = first.State.Growth,
            Forecasts = first.State.Forecasts.Select(l => new List<ForecastRecord>(l)).ToArray(),
        };
        var resumed = new RollingPortfolio(Options, copy);
        foreach (var d in days.Skip(77))
        {
            resumed.Append(d);
        }

        foreach (var method in PortfolioMethods.All)
        {
            var a = whole.State.ForecastsOf(method);
            var b = resumed.State.ForecastsOf(method);
            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].VaR, b[i].VaR);
                Assert.Equal(a[i].ES, b[i].ES);
                Assert.Equal(a[i].Realized, b[i].Realized);
            }
        }

        Assert.Equal(whole.State.Growth, resumed.State.Growth);
    }

    [Fact]
    public void A_day_out_of_order_or_of_the_wrong_width_is_refused_without_change()
    {
        var days = Days(60, 3);
        var portfolio = new RollingPortfolio(Options);
        foreach (var d in days)
        {
            portfolio.Append(d);
        }

        var before = (portfolio.State.RowsSeen, portfolio.State.LastDate, portfolio.State.ForecastsOf(PortfolioMethod.Historical).Count);
        var ex = Assert.Throws<ArgumentException>(() => portfolio.Append(days[10]));
        Assert.Contains("does not follow the last one", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => portfolio.Append(JointObservation.OfReturns(days[^1].Date.AddDays(1), [1.0])));
        Assert.Contains("has values for 1 members; the portfolio has 2", ex.Message);
        Assert.Equal(before, (portfolio.State.RowsSeen, portfolio.State.LastDate, portfolio.State.ForecastsOf(PortfolioMethod.Historical).Count));
    }

    [Theory]
    [InlineData(new double[0], 50, "at least one instrument")]
    [InlineData(new[] { 0.0, 0.0 }, 50, "all zero")]
    [InlineData(new[] { 1.0, double.NaN }, 50, "must be finite")]
    [InlineData(new[] { 1.0 }, 1, "at least 2 days")]
    public void Invalid_options_are_named(double[] weights, int window, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RollingPortfolio(new PortfolioOptions { Weights = weights, Window = window }));
        Assert.Contains(problem, ex.Message);
    }
}
