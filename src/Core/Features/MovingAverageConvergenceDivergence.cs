namespace RiskGrid.Core.Features;

/// <summary>
/// MACD(fast, slow, signal) of closes: line = EMA_fast − EMA_slow (standard EMAs seeded with simple
/// means), signal = EMA_signal of the line seeded with the mean of its first values. The line is
/// NaN for the first slow − 1 closes, the signal for the first slow + signal − 2.
/// </summary>
public sealed class MovingAverageConvergenceDivergence
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    public MovingAverageConvergenceDivergence(int fast = 12, int slow = 26, int signal = 9)
    {
        if (fast >= slow)
        {
            throw new ArgumentException($"MACD needs fast < slow, got {fast} and {slow}");
        }

        _fast = ExponentialMovingAverage.Standard(fast);
        _slow = ExponentialMovingAverage.Standard(slow);
        _signal = ExponentialMovingAverage.Standard(signal);
    }

    /// <summary>Index of the first non-NaN signal in a series (line and signal both valid).</summary>
    public int WarmUp => _slow.Period + _signal.Period - 2;

    public MacdValue Next(double close)
    {
        var fast = _fast.Next(close);
        var slow = _slow.Next(close);
        var line = fast - slow;
        // NaN lines during the slow EMA's warm-up are skipped by the signal's seed.
        var signal = _signal.Next(line);
        return new MacdValue(line, signal);
    }
}
