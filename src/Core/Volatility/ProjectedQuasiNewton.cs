namespace RiskGrid.Core.Volatility;

/// <summary>
/// Box-bounded quasi-Newton minimisation of a <see cref="LikelihoodObjective"/> in working coordinates:
/// Newton steps with a curvature matrix B (the previous window's Hessian on a warm start, a measured one
/// on a cold start) over the coordinates not held on a bound, projected back into the box, a backtracking
/// (Armijo) line search along the projected arc, and BFGS updates of B. Started next to the optimum with
/// the right curvature it converges in one to three steps, each one likelihood-and-gradient pass; nothing
/// is allocated per step beyond a few n-vectors per minimisation.
/// <para>
/// Convergence is the fitter's gradient test: the projected gradient in unit-curvature units,
/// max_j |g_j|·s_j / max(|f|, 1) with s = <see cref="LikelihoodObjective.Scale"/>, at most the tolerance,
/// and the Newton decrement ½·gᵀB⁻¹g over the free coordinates at most its own tolerance.
/// </para>
/// </summary>
internal static class ProjectedQuasiNewton
{
    private const double Armijo = 1e-4;
    private const int LineSearchSteps = 30;

    /// <summary>How a minimisation ended.</summary>
    public enum Outcome
    {
        Converged,
        IterationLimit,
        LineSearchFailed,
        NotFinite,

        /// <summary>Came within the given <see cref="Basin"/> of a known maximum, without beating it.</summary>
        Merged,
    }

    /// <summary>
    /// A known local maximum: a search that comes within <paramref name="Radius"/> of <paramref name="Centre"/> in every
    /// working coordinate with an objective no lower than <paramref name="Value"/> is on its way there, and stops.
    /// </summary>
    public sealed record Basin(double[] Centre, double[] Radius, double Value)
    {
        public bool Holds(ReadOnlySpan<double> x, double f)
        {
            if (f < Value)
            {
                return false;
            }

            for (var j = 0; j < x.Length; j++)
            {
                if (Math.Abs(x[j] - Centre[j]) > Radius[j])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Minimises from <paramref name="x"/> (clamped into the box; on return the best point) with initial
    /// curvature <paramref name="curvature"/> (n × n row-major, overwritten by its updates). A line search
    /// that fails re-measures the curvature once (<see cref="LikelihoodObjective.Hessian"/>) before giving up. With a
    /// <paramref name="basin"/>, a search that enters it ends there (<see cref="Outcome.Merged"/>). A step taken where the Newton
    /// decrement is at most <paramref name="lastStepDecrement"/> is expected to be the last: its trial points are evaluated with
    /// the analytic Hessian (<see cref="LikelihoodObjective.ValueGradientAndHessian"/>), which the fit then reuses; the
    /// search itself is the same either way.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Outcome Minimize(LikelihoodObjective objective, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        double[] x, double[] curvature, double tolerance, double decrementTolerance, double boundTolerance, int maxIterations,
        out int iterations, Basin? basin = null, double lastStepDecrement = -1)
    {
        var n = x.Length;
        iterations = 0;
        Span<double> g = stackalloc double[n];
        Span<double> trial = stackalloc double[n];
        Span<double> trialGradient = stackalloc double[n];
        Span<double> direction = stackalloc double[n];
        Span<double> s = stackalloc double[n];
        Span<double> y = stackalloc double[n];
        Span<double> bs = stackalloc double[n];
        Span<bool> free = stackalloc bool[n];
        Span<double> factor = stackalloc double[n * n];
        for (var j = 0; j < n; j++)
        {
            x[j] = Math.Clamp(x[j], lower[j], upper[j]);
        }

        var f = objective.ValueAndGradient(x, g);
        if (!(f < LikelihoodObjective.Penalty))
        {
            return Outcome.NotFinite;
        }

        var fresh = false;
        while (true)
        {
            var largest = 0.0;
            var freeCount = 0;
            for (var j = 0; j < n; j++)
            {
                var width = upper[j] - lower[j];
                var heldLow = x[j] - lower[j] <= boundTolerance * width && g[j] > 0;
                var heldHigh = upper[j] - x[j] <= boundTolerance * width && g[j] < 0;
                free[j] = !heldLow && !heldHigh;
                if (free[j])
                {
                    freeCount++;
                    largest = Math.Max(largest, Math.Abs(g[j]) * objective.Scale[j]);
                }
            }

            if (freeCount == 0)
            {
                return Outcome.Converged;
            }

            if (!SolveFree(curvature, free, g, factor, direction, n))
            {
                // Not positive definite over the free coordinates: its diagonal, where positive, instead.
                DiagonalFallback(curvature, objective.Scale, n);
                SolveFree(curvature, free, g, factor, direction, n);
            }

            // Both the gradient test and the Newton decrement: ½·gᵀB⁻¹g predicts how far f is above the
            // optimum, which the gradient test alone misjudges where parameters are strongly correlated
            // (EGARCH's ω and β near β = 1).
            var decrement = 0.0;
            for (var j = 0; j < n; j++)
            {
                decrement -= 0.5 * g[j] * direction[j];
            }

            if (largest / Math.Max(Math.Abs(f), 1) <= tolerance && decrement <= decrementTolerance)
            {
                return Outcome.Converged;
            }

            if (iterations >= maxIterations)
            {
                return Outcome.IterationLimit;
            }

            var accepted = false;
            var t = 1.0;
            double fTrial = 0;
            for (var k = 0; k < LineSearchSteps; k++)
            {
                var moved = false;
                var slope = 0.0;
                for (var j = 0; j < n; j++)
                {
                    trial[j] = Math.Clamp(x[j] + t * direction[j], lower[j], upper[j]);
                    moved |= trial[j] != x[j];
                    slope += g[j] * (trial[j] - x[j]);
                }

                if (!moved)
                {
                    break;
                }

                fTrial = decrement <= lastStepDecrement ? objective.ValueGradientAndHessian(trial, trialGradient)
                    : objective.ValueAndGradient(trial, trialGradient);
                if (fTrial < LikelihoodObjective.Penalty && fTrial <= f + Armijo * slope)
                {
                    accepted = true;
                    break;
                }

                // Minimum of the quadratic through f, the slope and fTrial, kept within [0.1t, 0.5t].
                var curvatureAlong = fTrial < LikelihoodObjective.Penalty ? fTrial - f - slope : double.PositiveInfinity;
                var next = curvatureAlong > 0 ? -0.5 * slope * t / curvatureAlong : 0.5 * t;
                t = Math.Clamp(double.IsFinite(next) ? next : 0.1 * t, 0.1 * t, 0.5 * t);
            }

            if (!accepted)
            {
                if (fresh)
                {
                    return Outcome.LineSearchFailed;
                }

                // The carried curvature led nowhere: measure it here and try again once.
                objective.Hessian(x, lower, upper, curvature);
                fresh = true;
                continue;
            }

            fresh = false;
            iterations++;
            double sy = 0, sbs = 0, ss = 0, yy = 0;
            for (var j = 0; j < n; j++)
            {
                s[j] = trial[j] - x[j];
                y[j] = trialGradient[j] - g[j];
            }

            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                for (var j = 0; j < n; j++)
                {
                    sum += curvature[i * n + j] * s[j];
                }

                bs[i] = sum;
                sbs += s[i] * sum;
                sy += s[i] * y[i];
                ss += s[i] * s[i];
                yy += y[i] * y[i];
            }

            // BFGS update of B, skipped when the step shows no positive curvature (it would lose definiteness).
            if (sy > 1e-10 * Math.Sqrt(ss * yy) && sbs > 0)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        curvature[i * n + j] += y[i] * y[j] / sy - bs[i] * bs[j] / sbs;
                    }
                }
            }

            trial.CopyTo(x);
            trialGradient.CopyTo(g);
            f = fTrial;
            if (basin is not null && basin.Holds(x, f))
            {
                return Outcome.Merged;
            }
        }
    }

    // Solves B_FF d_F = −g_F by Cholesky (d = 0 on held coordinates); false when B_FF is not positive definite.
    internal static bool SolveFree(double[] b, ReadOnlySpan<bool> free, ReadOnlySpan<double> g, Span<double> l,
        Span<double> d, int n)
    {
        Span<int> index = stackalloc int[n];
        var m = 0;
        for (var j = 0; j < n; j++)
        {
            d[j] = 0;
            if (free[j])
            {
                index[m++] = j;
            }
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = b[index[i] * n + index[j]];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i * n + k] * l[j * n + k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    l[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }

        Span<double> z = stackalloc double[m];
        for (var i = 0; i < m; i++)
        {
            var sum = -g[index[i]];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i * n + k] * z[k];
            }

            z[i] = sum / l[i * n + i];
        }

        for (var i = m - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < m; k++)
            {
                sum -= l[k * n + i] * d[index[k]];
            }

            d[index[i]] = sum / l[i * n + i];
        }

        return true;
    }

    private static void DiagonalFallback(double[] b, ReadOnlySpan<double> scale, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var diagonal = b[i * n + i];
            for (var j = 0; j < n; j++)
            {
                b[i * n + j] = 0;
            }

            b[i * n + i] = diagonal > 0 && double.IsFinite(diagonal) ? diagonal : 1 / (scale[i] * scale[i]);
        }
    }
}
