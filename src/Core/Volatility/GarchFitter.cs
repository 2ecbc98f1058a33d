using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using RiskGrid.Core.Models;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Maximum-likelihood estimation of a <see cref="VolatilityModel"/>: a box-bounded quasi-Newton search
/// (<see cref="ProjectedQuasiNewton"/>) over the whole vector [mean | process | distribution] in working
/// coordinates, with analytic gradients; MathNet's <see cref="BfgsBMinimizer"/> takes over from its best point
/// in the rare case that it stalls away from a maximum. Any <see cref="VolatilityProcess"/> and
/// <see cref="InnovationDistribution"/> is fitted this way through their part contracts. Problems come back
/// as a <see cref="FitStatus"/> with a message, never as an exception.
/// <para>
/// Cold start: a small grid of process parameters (mean at the sample mean, distribution parameters
/// from <see cref="InnovationDistribution.StartingValues"/>) scored by the likelihood, and the Hessian
/// measured at the best grid point as the first curvature. Warm start (a usable previous fit of the same
/// model): its parameters and the Hessian it left in <see cref="ModelFit.Blob"/> (see
/// <see cref="WarmStartState"/>), so that the first step is a Newton step with yesterday's curvature and one
/// to three steps reach today's optimum. <see cref="ModelFit.Iterations"/> counts the accepted steps.
/// </para>
/// </summary>
public static class GarchFitter
{
    /// <summary>Fewest returns a fit accepts.</summary>
    public const int MinimumObservations = 100;

    // MathNet's relative gradient max_j |g_j|·max(|y_j|, 1)/max(|f|, 1) with f = −LL/T and y the
    // centred unit-curvature coordinates, in which a standard error is about 1/√T: 1e-6 leaves the
    // estimate within ~10⁻³ standard errors of the optimum (cold and warm fits of S&P 500 windows agree
    // to that).
    private const double GradientTolerance = 1e-6;

    // When the optimiser stops without meeting GradientTolerance (line search stalled on round-off),
    // a best point whose relative gradient is below this still counts as converged.
    private const double AcceptableGradient = 1e-5;

    // The quasi-Newton search also stops only when its Newton decrement predicts the log-likelihood to be
    // within this of the maximum (the objective is −LL/T, so the tolerance on it is this over T).
    private const double DecrementTolerance = 1e-8;

    // Steps in the optimiser's coordinates below this end the search.
    private const double ParameterTolerance = 1e-10;
    private const int MaximumIterations = 200;
    private const int Restarts = 2;

    // A working coordinate within this fraction of its box width from a bound is on it.
    private const double BoundTolerance = 1e-6;

    /// <summary>
    /// Fits <paramref name="model"/> to <paramref name="returns"/> (percent, oldest first).
    /// <paramref name="previous"/>: the last fit of the same model (warm start), or null for a cold start;
    /// an unusable fit or one of another shape is ignored. The result's parameters are in the order of
    /// <see cref="VolatilityModel.ParameterNames"/>; its <see cref="ModelFit.Blob"/> is warm-start state.
    /// </summary>
    public static ModelFit Fit(VolatilityModel model, ReadOnlySpan<double> returns, ModelFit? previous = null)
    {
        if (CheckData(model, returns) is { } problem)
        {
            return ModelFit.Failure(problem);
        }

        var scale = DataScale.Of(returns);
        var likelihood = new VolatilityLikelihood(model, returns);
        var objective = new LikelihoodObjective(likelihood, scale);
        var n = model.ParameterCount;

        var start = new double[n];
        var curvature = new double[n * n];
        var warm = TryWarmStart(model, previous, scale, start, curvature, out var carried);
        ProjectedQuasiNewton.Outcome outcome;
        int iterations;
        while (true)
        {
            if (!warm)
            {
                ColdStart(model, returns, scale, objective, start);
                if (!(objective.BestValue < LikelihoodObjective.Penalty))
                {
                    return ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value");
                }
            }

            if (!carried)
            {
                objective.Hessian(start, model.WorkingLower, model.WorkingUpper, curvature);
            }

            objective.SetScaling(start, Diagonal(curvature, n));
            var x = (double[])start.Clone();
            outcome = ProjectedQuasiNewton.Minimize(objective, model.WorkingLower, model.WorkingUpper, x, curvature,
                GradientTolerance, DecrementTolerance / returns.Length, BoundTolerance, MaximumIterations, out iterations);
            if (outcome != ProjectedQuasiNewton.Outcome.NotFinite || !warm)
            {
                break;
            }

            // The previous estimate is no start for this window: a cold start instead.
            warm = carried = false;
        }

        if (!(objective.BestValue < LikelihoodObjective.Penalty))
        {
            return ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value");
        }

        string? trouble = null;
        var fallback = false;
        if (outcome != ProjectedQuasiNewton.Outcome.Converged && !Judge(model, objective).Converged)
        {
            // The quasi-Newton search stalled away from a maximum: MathNet's BFGS-B from its best point.
            objective.BestWorking.CopyTo(start, 0);
            (var more, trouble) = MinimizeWithBfgsB(model, objective, start);
            iterations += more;
            fallback = true;
        }

        var fit = Finish(model, likelihood, objective, scale, iterations, trouble, warm);
        FitCounters.Record(model.Name, likelihood.Passes, fallback, probed: false, changed: false);
        return fit;
    }

    /// <summary>
    /// A cold-start fit by MathNet's BFGS-B alone (the fitter before the quasi-Newton search, and its fallback
    /// now): the independent reference the tests hold the quasi-Newton fits to.
    /// </summary>
    internal static ModelFit FitWithBfgsB(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        if (CheckData(model, returns) is { } problem)
        {
            return ModelFit.Failure(problem);
        }

        var scale = DataScale.Of(returns);
        var likelihood = new VolatilityLikelihood(model, returns);
        var objective = new LikelihoodObjective(likelihood, scale);
        var start = new double[model.ParameterCount];
        ColdStart(model, returns, scale, objective, start);
        if (!(objective.BestValue < LikelihoodObjective.Penalty))
        {
            return ModelFit.Failure($"{model.Name}: the likelihood is not finite at any starting value");
        }

        var (iterations, trouble) = MinimizeWithBfgsB(model, objective, start);
        return Finish(model, likelihood, objective, scale, iterations, trouble, warm: false);
    }

    /// <summary>
    /// The fallback search: MathNet's box-bounded BFGS from <paramref name="start"/>, with coordinates scaled by
    /// curvature measured there, restarted from its best point when its line search fails. Returns the
    /// iterations spent and what went wrong, if anything.
    /// </summary>
    private static (int Iterations, string? Trouble) MinimizeWithBfgsB(VolatilityModel model, LikelihoodObjective objective,
        double[] start)
    {
        objective.SetScaling(start, model.WorkingLower, model.WorkingUpper);
        var minimizer = new BfgsBMinimizer(GradientTolerance, ParameterTolerance, 0, MaximumIterations);
        var function = ObjectiveFunction.Gradient(objective.Evaluate);
        var iterations = 0;
        for (var attempt = 0; ; attempt++)
        {
            var lower = objective.ToScaled(model.WorkingLower);
            var upper = objective.ToScaled(model.WorkingUpper);
            var initial = Clamp(objective.ToScaled(start), lower, upper);

            var evaluationsBefore = objective.Evaluations;
            try
            {
                var result = minimizer.FindMinimum(function, lower, upper, initial);
                return (iterations + result.Iterations, null);
            }
            catch (MaximumIterationsException)
            {
                // Also thrown by the line search; either way the budget is spent.
                return (iterations + MaximumIterations, $"iteration limit ({MaximumIterations}) reached");
            }
            catch (Exception ex) when (ex is OptimizationException or OptimizerStalledException or ArgumentException
                                           or ArithmeticException)
            {
                // A line search that fails or stalls: on round-off near the optimum (then the best point is
                // as good as it gets), or where MathNet's quasi-Newton direction went bad (then restart from
                // the best point with freshly measured curvature). The iteration count of an aborted run is
                // unknown; its gradient evaluations bound it.
                iterations += objective.Evaluations - evaluationsBefore;
                var trouble = $"optimiser stopped: {Describe(ex)}";
                if (attempt == Restarts || Judge(model, objective).Converged)
                {
                    return (iterations, trouble);
                }

                objective.BestWorking.CopyTo(start, 0);
                objective.SetScaling(start, model.WorkingLower, model.WorkingUpper);
            }
        }
    }

    /// <summary>A reason the data cannot be fitted, or null.</summary>
    public static string? CheckData(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        if (returns.Length < MinimumObservations)
        {
            return $"{model.Name}: {returns.Length} returns, a fit needs at least {MinimumObservations}";
        }

        for (var t = 0; t < returns.Length; t++)
        {
            if (!double.IsFinite(returns[t]))
            {
                return $"{model.Name}: return {t + 1} of {returns.Length} is {returns[t].ToString(CultureInfo.InvariantCulture)}";
            }
        }

        var scale = DataScale.Of(returns);
        // Relative to the squared mean, so that constant data with round-off in the mean fail too.
        if (!(scale.Variance > 1e-14 * scale.Mean * scale.Mean) || scale.Variance == 0)
        {
            return $"{model.Name}: the returns have zero variance";
        }

        return null;
    }

    /// <summary>
    /// Warm start from a usable previous fit of the same shape: its parameters as the start, and, in
    /// <paramref name="carried"/>, whether its blob held the Hessian at that estimate (then in
    /// <paramref name="curvature"/>): the previous window's curvature, which moves little from one window to
    /// the next, so the first quasi-Newton step is a Newton step. Returns false for no warm start.
    /// </summary>
    private static bool TryWarmStart(VolatilityModel model, ModelFit? previous, DataScale scale, double[] start,
        double[] curvature, out bool carried)
    {
        carried = false;
        var n = model.ParameterCount;
        if (previous is not { IsUsable: true } || previous.Parameters.Length != n || previous.Parameters.Any(p => !double.IsFinite(p)))
        {
            return false;
        }

        model.ToWorking(previous.Parameters, scale, start);

        if (WarmStartState.Unpack(previous.Blob, n) is { } hessian)
        {
            hessian.CopyTo(curvature, 0);
            carried = true;
        }

        return true;
    }

    private static void ColdStart(VolatilityModel model, ReadOnlySpan<double> returns, DataScale scale,
        LikelihoodObjective objective, double[] start)
    {
        var natural = new double[model.ParameterCount];
        var candidate = new double[model.ParameterCount];
        natural[0] = ConstantMean.StartingValue(scale);
        model.Distribution.StartingValues(returns).CopyTo(natural, model.DistributionOffset);
        var best = double.PositiveInfinity;
        foreach (var processStart in model.Process.StartingGrid(scale))
        {
            processStart.CopyTo(natural, model.ProcessOffset);
            model.ToWorking(natural, scale, candidate);
            var f = objective.Value(candidate);
            if (f < best)
            {
                best = f;
                candidate.CopyTo(start, 0);
            }
        }
    }

    /// <summary>Judges the objective's best point: the projected gradient in the optimiser's
    /// unit-curvature units, the bounds it sits on, and, when the gradient test fails, the probe for a
    /// maximum where the gradient test cannot pass (round-off, or a non-smooth point).</summary>
    private static FitVerdict Judge(VolatilityModel model, LikelihoodObjective objective)
    {
        var n = model.ParameterCount;
        var working = (double[])objective.BestWorking.Clone();
        var gradient = new double[n];
        double value;
        if (objective.BestHasGradient)
        {
            objective.BestGradient.CopyTo(gradient, 0);
            value = objective.BestValue;
        }
        else
        {
            value = objective.ValueAndGradient(working, gradient);
        }

        var lower = model.WorkingLower;
        var upper = model.WorkingUpper;
        var relativeGradient = 0.0;
        var atBound = new List<string>();
        for (var j = 0; j < n; j++)
        {
            var width = upper[j] - lower[j];
            var onLower = working[j] - lower[j] <= BoundTolerance * width;
            var onUpper = upper[j] - working[j] <= BoundTolerance * width;
            // On a bound only an inward pull counts.
            var g = gradient[j] * objective.Scale[j];
            var projected = onLower ? Math.Min(g, 0) : onUpper ? Math.Max(g, 0) : g;
            relativeGradient = Math.Max(relativeGradient, Math.Abs(projected) / Math.Max(Math.Abs(value), 1));

            if (onLower || onUpper)
            {
                atBound.Add(model.DescribeBound(j, onUpper));
            }
        }

        var smooth = relativeGradient <= AcceptableGradient;
        var converged = smooth || IsCoordinateMinimum(objective, working, value, lower, upper);
        return new FitVerdict(converged, smooth, relativeGradient, atBound);
    }

    private static ModelFit Finish(VolatilityModel model, VolatilityLikelihood likelihood, LikelihoodObjective objective,
        DataScale scale, int iterations, string? trouble, bool warm)
    {
        var n = model.ParameterCount;
        var verdict = Judge(model, objective);
        var natural = new double[n];
        var jacobian = new double[n * n];
        model.ToNatural(objective.BestWorking, scale, natural, jacobian);
        double logLikelihood;
        double[,] hessian;
        if (objective.BestHasGradient)
        {
            // The best point's own evaluation is the Hessian's base point: n more gradient passes, not n + 1.
            logLikelihood = objective.BestLogLikelihood;
            hessian = LikelihoodStandardErrors.Hessian(likelihood, natural, objective.BestNaturalGradient);
        }
        else
        {
            hessian = LikelihoodStandardErrors.Hessian(likelihood, natural, out logLikelihood);
        }

        if (!double.IsFinite(logLikelihood))
        {
            return ModelFit.Failure($"{model.Name}: the likelihood is not finite at the estimate");
        }

        var standardErrors = LikelihoodStandardErrors.FromHessian(hessian);
        var blob = WorkingHessian(hessian, jacobian, n, likelihood.Count);
        var gradientText = verdict.RelativeGradient.ToString("g3", CultureInfo.InvariantCulture);

        FitStatus status;
        string? message = null;
        if (verdict.Converged)
        {
            status = verdict.AtBound.Count > 0 ? FitStatus.ConvergedAtBound : FitStatus.Converged;
            if (verdict.AtBound.Count > 0)
            {
                message = $"on a bound: {string.Join("; ", verdict.AtBound)}";
            }

            if (!verdict.Smooth)
            {
                message = Append(message, $"gradient test not met (relative gradient {gradientText}), but no small step " +
                                          "in any parameter improves the likelihood");
            }
        }
        else
        {
            status = FitStatus.NotConverged;
            message = $"{model.Name} ({(warm ? "warm" : "cold")} start): {trouble ?? "stopped"}; " +
                      $"relative gradient {gradientText} at the best point";
        }

        if (standardErrors is null)
        {
            message = Append(message, "the log-likelihood Hessian is not negative definite: no standard errors");
        }

        return new ModelFit(status, natural, standardErrors, logLikelihood, iterations, message, blob);
    }

    /// <summary>Hessian of −LL/T in working coordinates, Jᵀ(−H)J/T (the gradient term of the chain rule
    /// is dropped: it vanishes at an interior optimum), packed for the next warm start.</summary>
    private static byte[]? WorkingHessian(double[,] hessian, double[] jacobian, int n, int count)
    {
        var working = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        sum += jacobian[i * n + a] * hessian[i, j] * jacobian[j * n + b];
                    }
                }

                working[a * n + b] = -sum / count;
                if (!double.IsFinite(working[a * n + b]))
                {
                    return null;
                }
            }
        }

        return WarmStartState.Pack(working, n);
    }

    /// <summary>
    /// True when no small step (in the optimiser's unit-curvature coordinates) along any coordinate,
    /// inside the box, lowers the objective: the test for a maximum where the gradient test cannot pass.
    /// A smooth point with a scaled gradient above ~1e-6 fails it.
    /// </summary>
    private static bool IsCoordinateMinimum(LikelihoodObjective objective, double[] working, double value,
        IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        const double step = 1e-6;
        var probe = (double[])working.Clone();
        var tolerance = 1e-14 * Math.Max(Math.Abs(value), 1);
        for (var j = 0; j < working.Length; j++)
        {
            foreach (var sign in (ReadOnlySpan<double>)[-1.0, 1.0])
            {
                probe[j] = Math.Clamp(working[j] + sign * step * objective.Scale[j], lower[j], upper[j]);
                if (probe[j] != working[j] && objective.Value(probe) < value - tolerance)
                {
                    return false;
                }
            }

            probe[j] = working[j];
        }

        return true;
    }

    private static double[] Diagonal(double[] matrix, int n)
    {
        var diagonal = new double[n];
        for (var j = 0; j < n; j++)
        {
            diagonal[j] = matrix[j * n + j];
        }

        return diagonal;
    }

    // Scaling can move a start on a bound off it by round-off; MathNet rejects starts outside the box.
    private static DenseVector Clamp(DenseVector y, DenseVector lower, DenseVector upper)
    {
        for (var j = 0; j < y.Count; j++)
        {
            y[j] = Math.Clamp(y[j], lower[j], upper[j]);
        }

        return y;
    }

    private static string Append(string? message, string more) => message is null ? more : $"{message}; {more}";

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
