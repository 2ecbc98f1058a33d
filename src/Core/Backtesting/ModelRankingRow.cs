namespace RiskGrid.Core.Backtesting;

/// <summary>
/// A model's standing at one level across instruments: its mean rank by average quantile loss
/// (1 = best), how often it was the best, and on how many instruments the best model beat it
/// significantly (Diebold–Mariano, 5%, two-sided); the same three by the FZ0 joint VaR–ES loss
/// (<see cref="JointLoss.Fz0"/>) on the days every model gave a positive ES (NaN and 0 where none).
/// </summary>
public sealed record ModelRankingRow(
    string Model,
    double Alpha,
    int Instruments,
    double MeanRank,
    double MeanQuantileLoss,
    int Best,
    int SignificantlyWorseThanBest,
    double MeanFz0Rank = double.NaN,
    double MeanFz0Loss = double.NaN,
    int Fz0Instruments = 0,
    int Fz0SignificantlyWorseThanBest = 0);
