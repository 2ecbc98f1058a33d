namespace RiskGrid.Core.Backtesting;

/// <summary>
/// A model's standing at one level across instruments: its mean rank by average quantile loss
/// (1 = best), how often it was the best, and on how many instruments the best model beat it
/// significantly (Diebold–Mariano, 5%, two-sided).
/// </summary>
public sealed record ModelRankingRow(
    string Model,
    double Alpha,
    int Instruments,
    double MeanRank,
    double MeanQuantileLoss,
    int Best,
    int SignificantlyWorseThanBest);
