using RiskGrid.Core.Models;

namespace RiskGrid.Core.Engine;

/// <summary>
/// An estimation a <see cref="RollingPair"/> needs before it can forecast the day it was just given
/// (see <see cref="RollingPair.BeginAppend"/>): fit <see cref="RollingPair.Model"/> on
/// <paramref name="Window"/> with <paramref name="Previous"/> as the warm start.
/// </summary>
/// <param name="Window">The estimation window ending at the appended day.</param>
/// <param name="Previous">The pair's last usable fit, or null before the first one.</param>
public sealed record FitRequest(ModelWindow Window, ModelFit? Previous);
