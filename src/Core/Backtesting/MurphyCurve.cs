namespace RiskGrid.Core.Backtesting;

/// <summary>One model's Murphy diagram at one level on one instrument: mean elementary quantile scores
/// (<see cref="MurphyDiagram"/>) at each threshold θ, over <paramref name="Days"/> common days.</summary>
public sealed record MurphyCurve(string Instrument, string Model, double Alpha, int Days, IReadOnlyList<double> Thresholds, IReadOnlyList<double> MeanScores);
