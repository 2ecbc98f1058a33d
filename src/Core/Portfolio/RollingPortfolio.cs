using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Portfolio;

/// <summary>
/// The incremental kernel of a portfolio's rolling backtest, the portfolio counterpart of
/// <see cref="RollingPair"/>: each joint day realises the pending forecasts with the day's portfolio
/// return, then, once the window is full, forecasts the next day by every <see cref="PortfolioMethod"/>.
/// Resuming from a copied <see cref="PortfolioState"/> continues exactly.
/// </summary>
public sealed class RollingPortfolio
{
    private readonly PortfolioOptions _options;

    public RollingPortfolio(PortfolioOptions options, PortfolioState? state = null)
    {
        _options = options.Validated();
        State = state ?? new PortfolioState();
    }

    public PortfolioState State { get; }

    public PortfolioOptions Options => _options;

    /// <summary>Appends the next joint day. Throws <see cref="ArgumentException"/> before any change for a
    /// day that does not follow the last one or has the wrong number of members.</summary>
    public PortfolioStep Append(JointObservation observation)
    {
        Validate(observation);
        var pnl = PortfolioRisk.Combine(_options.Weights, observation.Returns);
        foreach (var list in State.Forecasts)
        {
            if (list.Count > 0 && !list[^1].IsRealized)
            {
                list[^1] = list[^1] with { TargetDate = observation.Date, Realized = pnl };
            }
        }

        State.Rows.Add(observation);
        if (State.Rows.Count > _options.Window)
        {
            State.Rows.RemoveAt(0);
        }

        State.RowsSeen++;
        State.LastDate = observation.Date;
        State.LastPnL = pnl;
        State.Growth *= 1 + pnl / 100;

        var made = new ForecastRecord?[PortfolioMethods.All.Count];
        if (State.Rows.Count < _options.Window)
        {
            return new PortfolioStep(pnl, made);
        }

        foreach (var method in PortfolioMethods.All)
        {
            var forecast = PortfolioRisk.Estimate(method, State.Rows, _options.Weights, _options.Alphas);
            var record = forecast is null ? Missing(observation.Date) : Record(observation.Date, forecast);
            State.ForecastsOf(method).Add(record);
            made[(int)method] = record;
        }

        return new PortfolioStep(pnl, made);
    }

    /// <summary>Checks a day against the portfolio without changing anything.</summary>
    public void Validate(JointObservation observation)
    {
        var n = _options.Weights.Count;
        if (observation.Returns.Length != n || observation.Means.Length != n || observation.Volatilities.Length != n ||
            observation.NextMeans.Length != n || observation.NextVolatilities.Length != n)
        {
            throw new ArgumentException($"joint day {observation.Date:yyyy-MM-dd} has values for {observation.Returns.Length} members; the portfolio has {n}");
        }

        if (State.LastDate is { } last && observation.Date <= last)
        {
            throw new ArgumentException($"joint day {observation.Date:yyyy-MM-dd} does not follow the last one, {last:yyyy-MM-dd}");
        }

        foreach (var r in observation.Returns)
        {
            if (!double.IsFinite(r))
            {
                throw new ArgumentException($"joint day {observation.Date:yyyy-MM-dd} has a non-finite return");
            }
        }
    }

    private static ForecastRecord Record(DateOnly date, RiskForecast[] forecasts)
    {
        var var = forecasts.Select(f => f.VaR).ToArray();
        var es = forecasts.Select(f => f.ES).ToArray();
        return new ForecastRecord(date, var, es, forecasts[0].Mean, forecasts[0].Volatility, FitStatus.Converged, true);
    }

    private ForecastRecord Missing(DateOnly date)
    {
        var nan = Enumerable.Repeat(double.NaN, _options.Alphas.Count).ToArray();
        return new ForecastRecord(date, nan, [.. nan], double.NaN, double.NaN, FitStatus.Failed, false);
    }
}
