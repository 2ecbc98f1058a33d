namespace RiskGrid.Core.Backtesting;

/// <summary>One model's place in a <see cref="ModelComparison"/>.</summary>
/// <param name="Rank">1 = lowest average loss; ties keep the input order.</param>
/// <param name="AverageLoss">Average loss (the comparison's <see cref="ModelComparison.Loss"/>) over the common days (NaN when there are none).</param>
public sealed record ModelScore(string Model, int Rank, double AverageLoss);
