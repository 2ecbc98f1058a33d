namespace RiskGrid.Core.Backtesting;

/// <summary>
/// One forecast series at one level, as every backtest sees it: aligned observation arrays (loss
/// L = −r, VaR and ES as positive losses) and the exception sequence, computed once.
/// </summary>
public sealed class BacktestData
{
    private readonly double[] _losses;
    private readonly double[] _valueAtRisk;
    private readonly double[] _expectedShortfall;
    private readonly bool[] _hits;

    public BacktestData(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk, ReadOnlySpan<double> expectedShortfall, double alpha)
    {
        BacktestArguments.CheckAlpha(alpha);
        BacktestArguments.CheckSameLength(losses.Length, valueAtRisk.Length, nameof(valueAtRisk));
        BacktestArguments.CheckSameLength(losses.Length, expectedShortfall.Length, nameof(expectedShortfall));
        Alpha = alpha;
        _losses = losses.ToArray();
        _valueAtRisk = valueAtRisk.ToArray();
        _expectedShortfall = expectedShortfall.ToArray();
        _hits = new bool[_losses.Length];
        for (var t = 0; t < _hits.Length; t++)
        {
            _hits[t] = _losses[t] > _valueAtRisk[t];
            if (_hits[t])
            {
                Exceptions++;
            }
        }
    }

    /// <summary>Confidence level α, e.g. 0.99.</summary>
    public double Alpha { get; }

    /// <summary>p = 1 − α, the exception probability under a correct VaR.</summary>
    public double ExpectedRate => 1 - Alpha;

    /// <summary>Observations T.</summary>
    public int Count => _losses.Length;

    /// <summary>Days with loss &gt; VaR.</summary>
    public int Exceptions { get; }

    public ReadOnlySpan<double> Losses => _losses;

    public ReadOnlySpan<double> ValueAtRisk => _valueAtRisk;

    public ReadOnlySpan<double> ExpectedShortfall => _expectedShortfall;

    /// <summary>The exception sequence, true on days with loss &gt; VaR.</summary>
    public ReadOnlySpan<bool> Hits => _hits;
}
