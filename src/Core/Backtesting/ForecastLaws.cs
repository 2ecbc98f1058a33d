namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The forecasts' predictive laws as the ES tests' Monte Carlo reads them (<see cref="BacktestData"/>): day t's loss
/// exceeded with a given probability (for draws beyond the VaR), and one draw of day t's loss from its whole law.
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

    /// <summary>Laws given by their tail quantile function <c>tailQuantile(t, p)</c>.</summary>
    public static ForecastLaws Of(Func<int, double, double> tailQuantile) => new Quantiles(tailQuantile);

    private sealed class Quantiles(Func<int, double, double> tailQuantile) : ForecastLaws
    {
        private readonly Func<int, double, double> _tailQuantile = tailQuantile ?? throw new ArgumentNullException(nameof(tailQuantile));

        public override double TailQuantile(int t, double p) => _tailQuantile(t, p);
    }
}
