namespace RiskGrid.Core.Volatility;

/// <summary>
/// Thrown by <see cref="LikelihoodObjective"/> to stop MathNet's BFGS when many evaluations in a row
/// have not improved the objective (its line search bounces on round-off, or on a region where the
/// objective is nearly non-smooth). The fitter catches it and judges the best point seen.
/// </summary>
internal sealed class OptimizerStalledException : Exception
{
    public OptimizerStalledException(int evaluations)
        : base($"no improvement in {evaluations} evaluations")
    {
    }
}
