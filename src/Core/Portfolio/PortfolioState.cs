using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Portfolio;

/// <summary>
/// Everything a rolling portfolio needs to continue exactly where it stopped: the trailing joint
/// window, its P&amp;L record and each method's forecast history. Plain data: the grid persists it.
/// </summary>
public sealed class PortfolioState
{
    /// <summary>Trailing joint observations, oldest first (at most the window).</summary>
    public List<JointObservation> Rows { get; init; } = [];

    /// <summary>Joint days ever appended.</summary>
    public int RowsSeen { get; set; }

    public DateOnly? LastDate { get; set; }

    /// <summary>Portfolio return (percent) of <see cref="LastDate"/>; NaN before the first day.</summary>
    public double LastPnL { get; set; } = double.NaN;

    /// <summary>Growth factor of one unit invested at the first joint day: Π (1 + pₜ/100).</summary>
    public double Growth { get; set; } = 1;

    /// <summary>Forecasts by method, indexed like <see cref="PortfolioMethods.All"/>; each oldest first.</summary>
    public List<ForecastRecord>[] Forecasts { get; init; } = Empty();

    /// <summary>One empty forecast list per method.</summary>
    public static List<ForecastRecord>[] Empty() => [.. PortfolioMethods.All.Select(_ => new List<ForecastRecord>())];

    /// <summary><paramref name="forecasts"/> with an empty list for each method it lacks (a state saved
    /// before a method was added: that method starts its history now).</summary>
    public static List<ForecastRecord>[] Padded(List<ForecastRecord>[]? forecasts) =>
        forecasts is null ? Empty() : [.. forecasts, .. Enumerable.Range(0, Math.Max(0, PortfolioMethods.All.Count - forecasts.Length)).Select(_ => new List<ForecastRecord>())];

    public List<ForecastRecord> ForecastsOf(PortfolioMethod method) => Forecasts[(int)method];
}
