using RiskGrid.Core.Data;

namespace RiskGrid.Core.Features;

/// <summary>
/// The engineered daily features of one instrument, each computed at the close of day t from bars
/// ≤ t only. Returns and volatilities are in percent (simple returns, the platform's convention);
/// MACD and ATR in percent of the close; RSI in [0, 100]; %b unitless. A row is NaN in a column
/// during that indicator's warm-up; every column is valid from bar index <see cref="WarmUp"/> on.
/// </summary>
public static class MarketFeatures
{
    public const int SimpleReturn = 0;
    public const int LogReturn = 1;
    public const int RealizedVolatility5 = 2;
    public const int RealizedVolatility22 = 3;
    public const int Rsi14 = 4;
    public const int MacdLine = 5;
    public const int MacdSignal = 6;
    public const int BollingerPercentB = 7;
    public const int Atr14 = 8;
    public const int EwmaVolatility = 9;

    /// <summary>Number of features (columns).</summary>
    public const int Count = 10;

    /// <summary>
    /// 0-based index of the first bar whose features are all defined: the MACD signal's
    /// 26 + 9 − 2 = 33 (RSI and ATR need 14, realized volatility and the EWMA seed 22, %b 19).
    /// </summary>
    public const int WarmUp = 33;

    /// <summary>Column names, in column order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "return", "log_return", "rv5", "rv22", "rsi14", "macd", "macd_signal", "bollinger_pb", "atr14", "ewma_vol",
    ];

    /// <summary>Features of every bar, oldest first: <c>result[t]</c> is the row of <c>bars[t]</c>.</summary>
    public static double[][] Compute(ReadOnlySpan<PriceBar> bars)
    {
        var stream = new FeatureStream();
        var rows = new double[bars.Length][];
        for (var t = 0; t < bars.Length; t++)
        {
            rows[t] = stream.Next(bars[t]);
        }

        return rows;
    }

    /// <summary>True when no column of the row is NaN.</summary>
    public static bool IsComplete(ReadOnlySpan<double> row)
    {
        foreach (var x in row)
        {
            if (double.IsNaN(x))
            {
                return false;
            }
        }

        return true;
    }
}
