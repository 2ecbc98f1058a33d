namespace RiskGrid.Core.Data;

/// <summary>
/// Returns from prices, in percent. Loss convention, used everywhere in RiskGrid: the loss is
/// L = −r, and VaR and ES are reported as positive losses, so an exception is a day with r &lt; −VaR.
/// </summary>
public static class Returns
{
    /// <summary>One return from two consecutive prices.</summary>
    public static double Percent(double previous, double current, ReturnKind kind) => kind switch
    {
        ReturnKind.Simple => 100.0 * (current / previous - 1.0),
        ReturnKind.Log => 100.0 * Math.Log(current / previous),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Returns of a price array; the result has one element fewer than <paramref name="prices"/>.</summary>
    public static double[] Percent(ReadOnlySpan<double> prices, ReturnKind kind = ReturnKind.Simple)
    {
        if (prices.Length < 2)
        {
            return [];
        }

        var r = new double[prices.Length - 1];
        for (var i = 1; i < prices.Length; i++)
        {
            r[i - 1] = Percent(prices[i - 1], prices[i], kind);
        }

        return r;
    }

    /// <summary>Returns of a series' adjusted closes.</summary>
    public static double[] Percent(PriceSeries series, ReturnKind kind = ReturnKind.Simple) =>
        Percent(series.Closes(), kind);
}
