using RiskGrid.Core.Data;

namespace RiskGrid.Core.Features;

/// <summary>
/// The incremental kernel of <see cref="MarketFeatures"/>: fed one bar at a time, it returns that
/// day's feature vector using only the bars seen so far. The batch <see cref="MarketFeatures.Compute"/>
/// runs this same kernel, so streaming and batch agree exactly, and no feature can look ahead.
/// </summary>
public sealed class FeatureStream
{
    private readonly RealizedVolatility _rv5 = new(5);
    private readonly RealizedVolatility _rv22 = new(22);
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly MovingAverageConvergenceDivergence _macd = new(12, 26, 9);
    private readonly BollingerPercentB _percentB = new(20, 2);
    private readonly AverageTrueRange _atr = new(14);
    private readonly EwmaVolatility _ewma = new(0.94, 22);
    private double _previousClose = double.NaN;

    /// <summary>Bars fed so far.</summary>
    public int Count { get; private set; }

    /// <summary>Features of <paramref name="bar"/> (order: <see cref="MarketFeatures.Names"/>); NaN during warm-ups.</summary>
    public double[] Next(PriceBar bar)
    {
        var row = new double[MarketFeatures.Count];
        Next(bar, row);
        return row;
    }

    /// <summary>Writes the features of <paramref name="bar"/> into <paramref name="row"/>.</summary>
    public void Next(PriceBar bar, Span<double> row)
    {
        if (row.Length != MarketFeatures.Count)
        {
            throw new ArgumentException($"a feature row has {MarketFeatures.Count} columns, got {row.Length}", nameof(row));
        }

        var close = bar.Close;
        var previous = _previousClose;
        _previousClose = close;
        Count++;

        var simple = double.NaN;
        var log = double.NaN;
        double rv5 = double.NaN, rv22 = double.NaN, ewma = double.NaN;
        if (!double.IsNaN(previous))
        {
            simple = Returns.Percent(previous, close, ReturnKind.Simple);
            log = Returns.Percent(previous, close, ReturnKind.Log);
            rv5 = _rv5.Next(simple);
            rv22 = _rv22.Next(simple);
            ewma = _ewma.Next(simple);
        }

        var macd = _macd.Next(close);
        row[MarketFeatures.SimpleReturn] = simple;
        row[MarketFeatures.LogReturn] = log;
        row[MarketFeatures.RealizedVolatility5] = rv5;
        row[MarketFeatures.RealizedVolatility22] = rv22;
        row[MarketFeatures.Rsi14] = _rsi.Next(close);
        // MACD is in price units; as a percent of the close it is comparable across years and instruments.
        row[MarketFeatures.MacdLine] = 100 * macd.Line / close;
        row[MarketFeatures.MacdSignal] = 100 * macd.Signal / close;
        row[MarketFeatures.BollingerPercentB] = _percentB.Next(close);
        row[MarketFeatures.Atr14] = 100 * _atr.Next(bar) / close;
        row[MarketFeatures.EwmaVolatility] = ewma;
    }
}
