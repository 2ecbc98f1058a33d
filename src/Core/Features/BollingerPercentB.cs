namespace RiskGrid.Core.Features;

/// <summary>
/// Bollinger %b(n, k): where the close lies in its bands, (C − lower)/(upper − lower) with bands
/// SMA_n ± k·σ_n and σ the population standard deviation of the last n closes (Bollinger's own
/// convention). 0 at the lower band, 1 at the upper. NaN for the first n − 1 closes; 0.5 (the middle)
/// when the last n closes are all equal and the bands have no width.
/// </summary>
public sealed class BollingerPercentB
{
    private readonly RollingWindow _closes;
    private readonly double _width;

    public BollingerPercentB(int period = 20, double standardDeviations = 2)
    {
        _closes = new RollingWindow(period);
        _width = standardDeviations;
    }

    public int WarmUp => _closes.Capacity - 1;

    public double Next(double close)
    {
        _closes.Add(close);
        if (!_closes.IsFull)
        {
            return double.NaN;
        }

        var mean = _closes.Mean();
        var sd = _closes.PopulationStandardDeviation(mean);
        if (sd == 0)
        {
            return 0.5;
        }

        var lower = mean - _width * sd;
        return (close - lower) / (2 * _width * sd);
    }
}
