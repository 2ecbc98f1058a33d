namespace RiskGrid.Core.Data;

/// <summary>
/// One trading day of an instrument. <see cref="Close"/> is the adjusted close (Yahoo's
/// <c>Adj Close</c> when the file has it); <see cref="Open"/>, <see cref="High"/> and <see cref="Low"/>
/// are scaled by the same adjustment factor, or NaN when the source has closes only.
/// </summary>
public readonly record struct PriceBar(DateOnly Date, double Open, double High, double Low, double Close)
{
    /// <summary>A bar known only by its close (wide CSV, synthetic data).</summary>
    public static PriceBar FromClose(DateOnly date, double close) =>
        new(date, double.NaN, double.NaN, double.NaN, close);

    /// <summary>True when open, high and low are present.</summary>
    public bool HasRange => !double.IsNaN(High) && !double.IsNaN(Low);
}
