namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The forecasts' predictive laws as the ES tests' Monte Carlo reads them (<see cref="BacktestData"/>): day t's loss
/// exceeded with a given probability (for draws beyond the VaR), one draw of day t's loss from its whole law, and, where
/// the laws carry a forecast map (<see cref="HasForecastMap"/>), whole replicate paths whose later laws react to their
/// earlier draws.
/// </summary>
public abstract class ForecastLaws
{
    /// <summary>Day <paramref name="t"/>'s forecast loss exceeded with probability <paramref name="p"/> in (0, 1): the
    /// (1 − p)-quantile of the loss L = −r.</summary>
    public abstract double TailQuantile(int t, double p);

    /// <summary>One draw of day <paramref name="t"/>'s loss from its law; by default by inversion,
    /// <c>TailQuantile(t, 1 − U)</c> with U = <paramref name="random"/>.NextDouble().</summary>
    public virtual double Draw(int t, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TailQuantile(t, 1 - random.NextDouble());
    }

    /// <summary>
    /// True when day t's law is a function of the earlier days' returns (the model's forecast map: a volatility recursion),
    /// so that a simulated path must be drawn day by day (<see cref="DrawPath"/>); false (the default) when each day's law
    /// is fixed whatever the returns before it.
    /// </summary>
    public virtual bool HasForecastMap => false;

    /// <summary>
    /// One replicate path: <paramref name="losses"/>[t] drawn from day t's law as the map makes it after the path's earlier
    /// draws, and <paramref name="scales"/>[t] = σ*_t/σ_t, the ratio of that law's scale to the recorded one. By default
    /// (no map) each day independently by <see cref="Draw"/> in day order, every ratio 1.
    /// </summary>
    /// <param name="realised">The realised losses the recorded laws were forecast after (day t's law follows days before t).</param>
    public virtual void DrawPath(Random random, ReadOnlySpan<double> realised, Span<double> losses, Span<double> scales)
    {
        for (var t = 0; t < losses.Length; t++)
        {
            losses[t] = Draw(t, random);
            scales[t] = 1;
        }
    }

    /// <summary>
    /// Day <paramref name="t"/>'s forecast loss quantile <paramref name="forecast"/> (its VaR or ES) under a replicate whose
    /// law has scale <paramref name="scale"/>·σ_t (a ratio of <see cref="DrawPath"/>): a location-scale law's quantile
    /// −μ + σ·q becomes −μ + scale·σ·q = forecast + (scale − 1)·(forecast + μ); the forecast itself when the ratio is 1 (and
    /// by default, without a map).
    /// </summary>
    public virtual double Rescale(int t, double forecast, double scale) => forecast;

    /// <summary>Laws given by their tail quantile function <c>tailQuantile(t, p)</c>.</summary>
    public static ForecastLaws Of(Func<int, double, double> tailQuantile) => new Quantiles(tailQuantile);

    private sealed class Quantiles(Func<int, double, double> tailQuantile) : ForecastLaws
    {
        private readonly Func<int, double, double> _tailQuantile = tailQuantile ?? throw new ArgumentNullException(nameof(tailQuantile));

        public override double TailQuantile(int t, double p) => _tailQuantile(t, p);
    }
}
