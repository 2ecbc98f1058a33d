using RiskGrid.Core.Data;

namespace RiskGrid.Core.Features;

/// <summary>
/// Wilder's average true range over n days. True range TR_t = max(H−L, |H − C_{t−1}|, |L − C_{t−1}|);
/// for a bar without high/low (closes-only data) the close-to-close proxy |C_t − C_{t−1}| is used,
/// which is the true range of a bar whose range is just its open-to-close move. The first bar has no
/// previous close and no TR; ATR is the mean of the first n TRs, then Wilder-smoothed, so it is NaN
/// for the first n bars.
/// </summary>
public sealed class AverageTrueRange
{
    private readonly ExponentialMovingAverage _average;
    private double _previousClose = double.NaN;

    public AverageTrueRange(int period = 14)
    {
        _average = ExponentialMovingAverage.Wilder(period);
    }

    public int WarmUp => _average.Period;

    public double Next(PriceBar bar)
    {
        var previous = _previousClose;
        _previousClose = bar.Close;
        if (double.IsNaN(previous))
        {
            return double.NaN;
        }

        return _average.Next(TrueRange(bar, previous));
    }

    /// <summary>True range of a bar given the previous close (close-to-close proxy without a range).</summary>
    public static double TrueRange(PriceBar bar, double previousClose)
    {
        if (!bar.HasRange)
        {
            return Math.Abs(bar.Close - previousClose);
        }

        return Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - previousClose), Math.Abs(bar.Low - previousClose)));
    }
}
