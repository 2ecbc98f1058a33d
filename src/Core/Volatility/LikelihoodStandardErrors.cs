using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

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
    public static double[]? FromHessian(double[,] hessian)
    {
        var n = hessian.GetLength(0);
        var information = DenseMatrix.Create(n, n, (i, j) => -hessian[i, j]);
        foreach (var x in information.Enumerate())
        {
            if (!double.IsFinite(x))
            {
                return null;
            }
        }

        Matrix<double> covariance;
        try
        {
            // Throws when the matrix is not positive definite: no standard errors then.
            covariance = information.Cholesky().Solve(DenseMatrix.CreateIdentity(n));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var se = new double[n];
        for (var i = 0; i < n; i++)
        {
            se[i] = Math.Sqrt(covariance[i, i]);
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
