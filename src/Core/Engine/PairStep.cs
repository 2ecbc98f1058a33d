using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>What one appended bar did to a pair.</summary>
/// <param name="Realized">The forecast whose target day this bar was (now with its realised return), or null.</param>
/// <param name="Forecast">The new forecast for the next day, or null while the window is filling.</param>
/// <param name="Fit">The estimation attempted on this bar, or null when the last fit was reused.</param>
/// <param name="FitDuration">Wall time of that estimation.</param>
public sealed record PairStep(ForecastRecord? Realized, ForecastRecord? Forecast, ModelFit? Fit, TimeSpan FitDuration);
