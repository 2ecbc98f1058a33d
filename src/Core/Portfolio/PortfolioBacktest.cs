using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Portfolio;

/// <summary>
/// A portfolio's rolling forecasts by every <see cref="PortfolioMethod"/> from its members' prices and one model's
/// rolling forecasts of each member: the joint days (every member traded) feed <see cref="RollingPortfolio"/> as the
/// portfolio grain feeds it (each day's return over the previous joint day, the model's mean and volatility made for
/// the day and for the next one), so the Core engine path and the grid give the same routes.
/// </summary>
public static class PortfolioBacktest
{
    /// <summary>Forecasts per method, indexed like <see cref="PortfolioMethods.All"/>; <paramref name="members"/> and
    /// <paramref name="runs"/> (the model's run of each member, null for none) are indexed like the weights.</summary>
    public static IReadOnlyList<IReadOnlyList<ForecastRecord>> Run(IReadOnlyList<PriceSeries> members,
        IReadOnlyList<PairRun?> runs, PortfolioOptions options, ReturnKind kind)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (members.Count != options.Weights.Count || runs.Count != members.Count)
        {
            throw new ArgumentException($"{members.Count} members and {runs.Count} runs for {options.Weights.Count} weights");
        }

        var portfolio = new RollingPortfolio(options);
        var days = members.Select((s, i) => MemberDays(s, runs[i])).ToArray();
        var joint = days[0].Keys.Where(d => days.All(m => m.ContainsKey(d))).Order();
        double[]? last = null;
        var n = members.Count;
        foreach (var date in joint)
        {
            var heads = days.Select(m => m[date]).ToArray();
            if (last is not null)
            {
                var returns = new double[n];
                for (var i = 0; i < n; i++)
                {
                    returns[i] = Returns.Percent(last[i], heads[i].Close, kind);
                }

                portfolio.Append(new JointObservation(date, returns,
                    [.. heads.Select(h => h.Mean)], [.. heads.Select(h => h.Volatility)],
                    [.. heads.Select(h => h.NextMean)], [.. heads.Select(h => h.NextVolatility)]));
            }

            last = [.. heads.Select(h => h.Close)];
        }

        return [.. PortfolioMethods.All.Select(m => (IReadOnlyList<ForecastRecord>)portfolio.State.ForecastsOf(m))];
    }

    // Each day's close with the model's forecast made the trading day before (for it) and made on it (for the next).
    private static Dictionary<DateOnly, Day> MemberDays(PriceSeries series, PairRun? run)
    {
        var byOrigin = new Dictionary<DateOnly, ForecastRecord>();
        foreach (var f in run?.Forecasts ?? [])
        {
            byOrigin[f.OriginDate] = f;
        }

        var days = new Dictionary<DateOnly, Day>(series.Count);
        var mean = double.NaN;
        var volatility = double.NaN;
        foreach (var bar in series.Bars)
        {
            var next = byOrigin.GetValueOrDefault(bar.Date);
            var nextMean = next?.Mean ?? double.NaN;
            var nextVolatility = next?.Volatility ?? double.NaN;
            days[bar.Date] = new Day(bar.Close, mean, volatility, nextMean, nextVolatility);
            mean = nextMean;
            volatility = nextVolatility;
        }

        return days;
    }

    private readonly record struct Day(double Close, double Mean, double Volatility, double NextMean, double NextVolatility);
}
