namespace RiskGrid.Core.Features;

/// <summary>
/// Wilder's relative strength index of closes: RSI = 100 − 100/(1 + RS), RS = average gain /
/// average loss, both Wilder-smoothed (<see cref="ExponentialMovingAverage.Wilder"/>) and seeded
/// with the simple mean of the first n changes. NaN for the first n closes (it needs n changes);
/// 100 when the average loss is 0.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private readonly ExponentialMovingAverage _gain;
    private readonly ExponentialMovingAverage _loss;
    private double _previous = double.NaN;

    public RelativeStrengthIndex(int period = 14)
    {
        Period = period;
        _gain = ExponentialMovingAverage.Wilder(period);
        _loss = ExponentialMovingAverage.Wilder(period);
    }

    public int Period { get; }

    /// <summary>Index of the first non-NaN value in a series.</summary>
    public int WarmUp => Period;

    public double Next(double close)
    {
        var previous = _previous;
        _previous = close;
        if (double.IsNaN(previous))
        {
            return double.NaN;
        }

        var change = close - previous;
        var gain = _gain.Next(Math.Max(change, 0));
        var loss = _loss.Next(Math.Max(-change, 0));
        if (double.IsNaN(gain))
        {
            return double.NaN;
        }

        return loss == 0 ? 100 : 100 - 100 / (1 + gain / loss);
    }
}
