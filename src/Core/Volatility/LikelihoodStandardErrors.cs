namespace RiskGrid.Core.Volatility;

/// <summary>
/// Non-robust standard errors as fGarch reports them: the square roots of the diagonal of the inverse
/// of −H, H the Hessian of the log-likelihood in the natural parameters. H is analytic (one pass with the
/// second-order recursions, <see cref="VolatilityLikelihood.TryHessian"/>) where the model's parts provide second
/// derivatives, and otherwise taken by forward differences of the analytic gradient (relative step 1e-5, so its
/// relative error is about 1e-5; n more passes).
/// </summary>
public static class LikelihoodStandardErrors
{
    /// <summary>Standard errors at natural <paramref name="parameters"/>, or null when −H is not
    /// positive definite (or anything is not finite).</summary>
    public static double[]? Compute(VolatilityLikelihood likelihood, ReadOnlySpan<double> parameters) =>
        FromHessian(Hessian(likelihood, parameters));

    /// <summary>Standard errors from a log-likelihood Hessian (n × n), or null.</summary>
    /// <remarks>The diagonal of (−H)⁻¹ by a Cholesky factor L of −H: (−H)⁻¹ = L⁻ᵀL⁻¹, so its i-th diagonal element is the
    /// squared norm of column i of L⁻¹. By hand and on the stack, since n is a handful: MathNet's dense Cholesky solve ran
    /// its columns through a parallel loop, whose hand-offs cost more than the fit's likelihood passes.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[]? FromHessian(double[,] hessian)
    {
        var n = hessian.GetLength(0);
        Span<double> l = stackalloc double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = -hessian[i, j];
                if (!double.IsFinite(sum) || !double.IsFinite(hessian[j, i]))
                {
                    return null;
                }

                for (var k = 0; k < j; k++)
                {
                    sum -= l[i * n + k] * l[j * n + k];
                }

                if (i == j)
                {
                    // Not positive definite: no standard errors.
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    l[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }

        // L⁻¹ in place of L, column by column (lower triangular).
        Span<double> inverse = stackalloc double[n * n];
        inverse.Clear();
        for (var j = 0; j < n; j++)
        {
            inverse[j * n + j] = 1 / l[j * n + j];
            for (var i = j + 1; i < n; i++)
            {
                double sum = 0;
                for (var k = j; k < i; k++)
                {
                    sum -= l[i * n + k] * inverse[k * n + j];
                }

                inverse[i * n + j] = sum / l[i * n + i];
            }
        }

        var se = new double[n];
        for (var i = 0; i < n; i++)
        {
            double variance = 0;
            for (var k = i; k < n; k++)
            {
                variance += inverse[k * n + i] * inverse[k * n + i];
            }

            se[i] = Math.Sqrt(variance);
            if (!(se[i] > 0) || !double.IsFinite(se[i]))
            {
                return null;
            }
        }

        return se;
    }

    /// <summary>The Hessian of the log-likelihood at natural parameters: analytic where the model provides it
    /// (one pass), else <see cref="DifferencedHessian(VolatilityLikelihood, ReadOnlySpan{double}, out double)"/>.</summary>
    public static double[,] Hessian(VolatilityLikelihood likelihood, ReadOnlySpan<double> parameters) =>
        Hessian(likelihood, parameters, out _);

    /// <summary><see cref="Hessian(VolatilityLikelihood, ReadOnlySpan{double})"/>, and the log-likelihood at
    /// <paramref name="parameters"/> it evaluates on the way.</summary>
    public static double[,] Hessian(VolatilityLikelihood likelihood, ReadOnlySpan<double> parameters, out double logLikelihood)
    {
        var n = parameters.Length;
        var analytic = new double[n, n];
        Span<double> gradient = stackalloc double[n];
        return likelihood.TryHessian(parameters, gradient, analytic, out logLikelihood) ? analytic
            : DifferencedHessian(likelihood, parameters, out logLikelihood);
    }

    /// <summary>Symmetrised forward-difference Hessian of the log-likelihood at natural parameters from the analytic
    /// gradient (n + 1 gradient evaluations), and the log-likelihood at <paramref name="parameters"/>.</summary>
    public static double[,] DifferencedHessian(VolatilityLikelihood likelihood, ReadOnlySpan<double> parameters, out double logLikelihood)
    {
        var at = new double[parameters.Length];
        logLikelihood = likelihood.LogLikelihood(parameters, at);
        return DifferencedHessian(likelihood, parameters, at);
    }

    /// <summary>The forward-difference Hessian from the gradient <paramref name="at"/> already evaluated at
    /// <paramref name="parameters"/> (n more gradient evaluations).</summary>
    public static double[,] DifferencedHessian(VolatilityLikelihood likelihood, ReadOnlySpan<double> parameters, ReadOnlySpan<double> at)
    {
        var n = parameters.Length;
        var x = parameters.ToArray();
        var up = new double[n];
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var step = 1e-5 * Math.Max(Math.Abs(x[i]), 1e-3);
            var xi = x[i];
            x[i] = xi + step;
            likelihood.LogLikelihood(x, up);
            x[i] = xi;
            for (var j = 0; j < n; j++)
            {
                h[i, j] = (up[j] - at[j]) / step;
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var mean = 0.5 * (h[i, j] + h[j, i]);
                h[i, j] = mean;
                h[j, i] = mean;
            }
        }

        return h;
    }
}
