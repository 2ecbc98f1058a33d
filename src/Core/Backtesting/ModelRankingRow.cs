namespace RiskGrid.Core.Backtesting;

/// <summary>
/// A model's standing at one level across instruments: its mean rank by average quantile loss
/// (1 = best), how often it was the best, on how many instruments the best model beat it
/// significantly (Diebold–Mariano, 5%, two-sided), and on how many it was in the Model Confidence Set
/// (<see cref="ModelConfidenceSet"/>, at sizes 10% and 25%); the same by the FZ0 joint VaR–ES loss
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
    int Fz0SignificantlyWorseThanBest = 0)
{
    /// <summary>Instruments on which the model is in the tick-loss MCS at size 10% (p-value &gt; 0.10).</summary>
    public int InConfidenceSet10 { get; init; }

    /// <summary>Instruments on which the model is in the tick-loss MCS at size 25%.</summary>
    public int InConfidenceSet25 { get; init; }

    /// <summary>Instruments on which the model had the lowest FZ0 loss.</summary>
    public int Fz0Best { get; init; }

    /// <summary>Instruments on which the model is in the FZ0 MCS at size 10%.</summary>
    public int Fz0InConfidenceSet10 { get; init; }

    /// <summary>Instruments on which the model is in the FZ0 MCS at size 25%.</summary>
    public int Fz0InConfidenceSet25 { get; init; }
}
