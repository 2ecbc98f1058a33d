namespace RiskGrid.Core.Volatility;

/// <summary>
/// Thrown by <see cref="LikelihoodObjective"/> to stop MathNet's BFGS when many evaluations in a row
/// have not improved the objective (it bounces on a kink such as EGARCH's |z|, or on round-off). The
/// fitter catches it and judges the best point seen.
/// </summary>
internal sealed class OptimizerStalledException : Exception
{
    public OptimizerStalledException(int evaluations)
        : base($"no improvement in {evaluations} evaluations")
    {
    }
}
