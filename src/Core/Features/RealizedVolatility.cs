namespace RiskGrid.Core.Features;

/// <summary>
/// Realized volatility over the last n returns: √(Σ r²/n), the zero-mean root mean square (daily
/// returns have a mean far below their noise, and the usual RV definition omits it). Same units as
/// the returns (percent). NaN until n returns were seen.
/// </summary>
public sealed class RealizedVolatility
{
    private readonly RollingWindow _returns;

    public RealizedVolatility(int period)
    {
        _returns = new RollingWindow(period);
    }

    public int Period => _returns.Capacity;

    public double Next(double returnPercent)
    {
        _returns.Add(returnPercent);
        return _returns.IsFull ? Math.Sqrt(_returns.MeanOfSquares()) : double.NaN;
    }
}
