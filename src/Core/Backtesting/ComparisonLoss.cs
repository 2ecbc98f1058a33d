namespace RiskGrid.Core.Backtesting;

/// <summary>The loss a <see cref="ModelComparison"/> ranks and tests models by.</summary>
public enum ComparisonLoss
{
    /// <summary>Quantile (tick) loss of VaR (<see cref="QuantileLoss"/>).</summary>
    Quantile,

    /// <summary>FZ0 joint loss of VaR and ES (<see cref="JointLoss.Fz0"/>); days without a positive ES are not scored.</summary>
    Fz0,
}
