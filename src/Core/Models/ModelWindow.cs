using RiskGrid.Core.Data;

namespace RiskGrid.Core.Models;

/// <summary>
/// What a model sees at one step of a rolling run: the trailing window of returns (percent, oldest
/// first) and the bars that produced them plus any history padding the model asked for. The last
/// bar is the window's last day; nothing after it is visible, so nothing can look ahead.
/// </summary>
public sealed class ModelWindow
{
    public ModelWindow(ReadOnlyMemory<double> returns, ReadOnlyMemory<PriceBar> bars = default)
    {
        Returns = returns;
        Bars = bars;
    }

    /// <summary>The window's returns, oldest first.</summary>
    public ReadOnlyMemory<double> Returns { get; }

    /// <summary>Bars ending at the window's last day (at least returns + 1 of them when present).</summary>
    public ReadOnlyMemory<PriceBar> Bars { get; }

    public int Count => Returns.Length;

    /// <summary>A window over returns alone (for models that use no bars).</summary>
    public static ModelWindow OfReturns(double[] returns) => new(returns);
}
