using RiskGrid.Core.Data;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>
/// Everything a rolling instrument×model pair needs to continue exactly where it stopped: the
/// trailing bars, the last usable fit (the warm start of the next one), the refit clock and the
/// forecast history. Plain data: the grid persists it as grain state.
/// </summary>
public sealed class PairState
{
    /// <summary>Trailing bars, oldest first (at most window + 1 + the model's history padding).</summary>
    public List<PriceBar> Bars { get; init; } = [];

    /// <summary>Bars ever appended (including those trimmed from <see cref="Bars"/>).</summary>
    public int BarsSeen { get; set; }

    /// <summary>The last usable fit, or null before the first one.</summary>
    public ModelFit? LastFit { get; set; }

    /// <summary>Forecasts made since <see cref="LastFit"/> was estimated.</summary>
    public int ForecastsSinceFit { get; set; }

    /// <summary>Estimations attempted, and how many of them failed.</summary>
    public int FitAttempts { get; set; }

    public int FitFailures { get; set; }

    /// <summary>Every forecast made, oldest first.</summary>
    public List<ForecastRecord> Forecasts { get; init; } = [];
}
