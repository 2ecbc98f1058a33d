namespace RiskGrid.Core.Features;

/// <summary>
/// RiskMetrics EWMA volatility: σ²_t = λ·σ²_{t−1} + (1−λ)·r²_t, seeded with the mean of the first
/// <c>seedCount</c> squared returns (data up to that day only), NaN before. σ_t uses r_t, so it is the
/// volatility forecast for day t+1 made at the close of t.
/// </summary>
public sealed class EwmaVolatility
{
    private readonly double _lambda;
    private readonly int _seedCount;
    private double _seedSum;
    private int _seen;
    private double _variance = double.NaN;

    public EwmaVolatility(double lambda = 0.94, int seedCount = 22)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "EWMA decay must be in (0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seedCount, 1);
        _lambda = lambda;
        _seedCount = seedCount;
    }

    /// <summary>Returns needed before the first value.</summary>
    public int SeedCount => _seedCount;

    public double Next(double returnPercent)
    {
        var square = returnPercent * returnPercent;
        if (_seen < _seedCount)
        {
            _seedSum += square;
            if (++_seen == _seedCount)
            {
                _variance = _seedSum / _seedCount;
            }
        }
        else
        {
            _variance = _lambda * _variance + (1 - _lambda) * square;
        }

        return Math.Sqrt(_variance);
    }
}
