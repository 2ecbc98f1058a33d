namespace RiskGrid.Core.Features;

/// <summary>
/// Streaming exponential moving average seeded with the simple average of its first
/// <see cref="Period"/> values (the Stock.Indicators and TA-Lib convention): NaN until then, then
/// EMA_t = EMA_{t−1} + k·(x_t − EMA_{t−1}). <see cref="Standard"/> uses k = 2/(n+1);
/// <see cref="Wilder"/> uses k = 1/n (Wilder's smoothing in RSI and ATR).
/// </summary>
public sealed class ExponentialMovingAverage
{
    private double _seedSum;
    private int _seen;

    public ExponentialMovingAverage(int period, double smoothing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!(smoothing > 0 && smoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "smoothing factor must be in (0, 1]");
        }

        Period = period;
        Smoothing = smoothing;
    }

    public int Period { get; }

    /// <summary>Weight k of the newest value.</summary>
    public double Smoothing { get; }

    /// <summary>The current average; NaN during warm-up.</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>k = 2/(n+1), the usual EMA (MACD).</summary>
    public static ExponentialMovingAverage Standard(int period) => new(period, 2.0 / (period + 1));

    /// <summary>k = 1/n, Wilder's smoothing (RSI, ATR).</summary>
    public static ExponentialMovingAverage Wilder(int period) => new(period, 1.0 / period);

    /// <summary>Adds the next value and returns the average (NaN while fewer than <see cref="Period"/> values were seen).
    /// NaN inputs during warm-up are skipped, so an average of another indicator can take its NaN warm-up.</summary>
    public double Next(double value)
    {
        if (_seen < Period)
        {
            if (double.IsNaN(value))
            {
                return Value;
            }

            _seedSum += value;
            if (++_seen == Period)
            {
                Value = _seedSum / Period;
            }

            return Value;
        }

        Value += Smoothing * (value - Value);
        return Value;
    }
}
