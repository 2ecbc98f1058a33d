using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Models;

/// <summary>
/// Maximum likelihood for r = μ + σ·z, z a unit-variance Student-t with ν degrees of freedom
/// (σ is the standard deviation). The likelihood is profiled over ν: for each ν the location and
/// scale come from the EM (iteratively reweighted) algorithm, which increases the likelihood at
/// every step, and ν itself is found by Brent's bounded search on 1/ν over [1/<see cref="MaxNu"/>,
/// 1/<see cref="MinNu"/>] (1/ν spreads the likelihood's curvature evenly across the range).
/// </summary>
internal static class StudentTLocationScale
{
    public const double MinNu = 2.1;
    public const double MaxNu = 100;

    private const double InverseNuTolerance = 1e-6;
    private const int MaxEmIterations = 2000;
    private const double EmTolerance = 1e-10;

    /// <summary>An estimate; <see cref="Bound"/> is −1 or +1 when ν sits on its lower or upper bound.</summary>
    public sealed record Estimate(double Mu, double Sigma, double Nu, double LogLikelihood, int Evaluations,
        int Bound, bool Converged, double[]? StandardErrors);

    public static Estimate Fit(double[] returns)
    {
        var (mean, sd) = ArrayStatistics.MeanStandardDeviation(returns);

        // Each profile evaluation starts EM from the previous one's solution: neighbouring ν give
        // neighbouring (μ, s), so few iterations are needed.
        var mu = mean;
        var scale = sd;
        double NegativeProfile(double inverseNu)
        {
            var nu = 1 / inverseNu;
            (mu, scale, _) = LocationScale(returns, nu, mu, scale);
            var ll = LogLikelihood(returns, mu, scale * Math.Sqrt(nu / (nu - 2)), nu);
            return double.IsFinite(ll) ? -ll : double.MaxValue;
        }

        var search = BoundedBrent.Minimize(NegativeProfile, 1 / MaxNu, 1 / MinNu, InverseNuTolerance);
        var nuHat = search.Bound switch { 1 => MinNu, -1 => MaxNu, _ => 1 / search.X };

        // Re-solve at the chosen ν (the last evaluation may have been elsewhere).
        (mu, scale, var finalOk) = LocationScale(returns, nuHat, mean, sd);
        var sigma = scale * Math.Sqrt(nuHat / (nuHat - 2));
        var logLikelihood = LogLikelihood(returns, mu, sigma, nuHat);
        var bound = -search.Bound; // a bound on 1/ν is the opposite bound on ν
        var errors = bound == 0 ? StandardErrors(returns, mu, sigma, nuHat) : null;
        return new Estimate(mu, sigma, nuHat, logLikelihood, search.Evaluations, bound,
            search.Converged && finalOk, errors);
    }

    /// <summary>Log-likelihood of the returns, all constants included; σ is the standard deviation.</summary>
    public static double LogLikelihood(ReadOnlySpan<double> returns, double mu, double sigma, double nu)
    {
        if (!(sigma > 0 && nu > 2))
        {
            return double.NegativeInfinity;
        }

        var sum = 0.0;
        var c = 1 / (sigma * sigma * (nu - 2));
        foreach (var r in returns)
        {
            var d = r - mu;
            sum += Math.Log(1 + d * d * c);
        }

        return returns.Length * (StandardizedStudentT.LogNormalisingConstant(nu) - Math.Log(sigma)) - 0.5 * (nu + 1) * sum;
    }

    /// <summary>EM for location μ and t-scale s (σ = s·√(ν/(ν−2))) at fixed ν: weights
    /// w = (ν + 1)/(ν + ((r − μ)/s)²), then μ = Σwr/Σw and s² = Σw(r − μ)²/Σw.</summary>
    private static (double Mu, double Scale, bool Converged) LocationScale(double[] returns, double nu, double mu, double scale)
    {
        for (var iteration = 0; iteration < MaxEmIterations; iteration++)
        {
            double sumW = 0, sumWr = 0, sumWrr = 0;
            var inverseScaleSquared = 1 / (scale * scale);
            foreach (var r in returns)
            {
                var d = r - mu;
                var w = (nu + 1) / (nu + d * d * inverseScaleSquared);
                sumW += w;
                sumWr += w * d;
                sumWrr += w * d * d;
            }

            // Centred on the current μ to avoid cancellation: Σw(r − μ')² = Σw d² − (Σw d)²/Σw.
            // Dividing by Σw rather than n is the parameter-expanded EM step (Meng and van Dyk 1997):
            // same fixed point (Σw = n at the optimum), about a third fewer iterations.
            var step = sumWr / sumW;
            var newScale = Math.Sqrt(Math.Max(sumWrr - step * sumWr, 0) / sumW);
            var newMu = mu + step;
            var done = Math.Abs(step) <= EmTolerance * scale && Math.Abs(newScale - scale) <= EmTolerance * scale;
            (mu, scale) = (newMu, newScale);
            if (done)
            {
                return (mu, scale, true);
            }

            if (!(scale > 0) || !double.IsFinite(mu))
            {
                return (mu, scale, false);
            }
        }

        return (mu, scale, false);
    }

    /// <summary>Standard errors of (μ, σ, ν) from the inverse of the numerically differentiated
    /// Hessian of the log-likelihood; null when it is not negative definite.</summary>
    private static double[]? StandardErrors(double[] returns, double mu, double sigma, double nu)
    {
        double[] theta = [mu, sigma, nu];
        double[] h = [1e-4 * sigma, 1e-4 * sigma, 1e-4 * nu];
        double F(double[] p) => LogLikelihood(returns, p[0], p[1], p[2]);
        double Shifted(int i, double si, int j, double sj)
        {
            var p = (double[])theta.Clone();
            p[i] += si * h[i];
            p[j] += sj * h[j];
            return F(p);
        }

        var f0 = F(theta);
        var hessian = Matrix<double>.Build.Dense(3, 3);
        for (var i = 0; i < 3; i++)
        {
            hessian[i, i] = (Shifted(i, 1, i, 0) - 2 * f0 + Shifted(i, -1, i, 0)) / (h[i] * h[i]);
            for (var j = i + 1; j < 3; j++)
            {
                var v = (Shifted(i, 1, j, 1) - Shifted(i, 1, j, -1) - Shifted(i, -1, j, 1) + Shifted(i, -1, j, -1))
                    / (4 * h[i] * h[j]);
                hessian[i, j] = v;
                hessian[j, i] = v;
            }
        }

        Matrix<double> covariance;
        try
        {
            // Cholesky of the observed information both checks it is positive definite and inverts it.
            covariance = (-hessian).Cholesky().Solve(Matrix<double>.Build.DenseIdentity(3));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var errors = new double[3];
        for (var i = 0; i < 3; i++)
        {
            errors[i] = Math.Sqrt(covariance[i, i]);
            if (!double.IsFinite(errors[i]))
            {
                return null;
            }
        }

        return errors;
    }
}
