using MathNet.Numerics.Optimization;

namespace RiskGrid.Core.Portfolio;

/// <summary>
/// The correlation step of DCC-GARCH(1,1) (Engle 2002), the second step of its two-step QML: given the
/// standardised residuals z_t of univariate volatility models (the first step),
/// Q_t = (1 − a − b)·Q̄ + a·z_{t−1}z_{t−1}ᵀ + b·Q_{t−1}, Q_1 = Q̄ = (1/T)Σ z_t z_tᵀ (correlation targeting),
/// R_t = diag(Q_t)^(−½)·Q_t·diag(Q_t)^(−½), with (a, b) maximising the correlation part of the Gaussian
/// log-likelihood, −½ Σ_t (ln|R_t| + z_tᵀR_t⁻¹z_t − z_tᵀz_t), over a, b ≥ 0, a + b ≤ <see cref="MaxPersistence"/>.
/// </summary>
public static class DccCorrelation
{
    public const double MaxPersistence = 0.999;

    /// <summary>An estimate: a, b, their standard errors (inverse numerical Hessian of the correlation
    /// log-likelihood; NaN where it is not invertible), that log-likelihood, and Q̄.</summary>
    public sealed record Fit(double A, double B, double ASe, double BSe, double LogLikelihood, double[,] Target);

    /// <summary>The correlation log-likelihood at (a, b); −∞ where a correlation matrix is not positive definite.</summary>
    public static double LogLikelihood(IReadOnlyList<double[]> z, double a, double b, double[,]? target = null)
    {
        var n = z[0].Length;
        target ??= Target(z);
        var q = (double[,])target.Clone();
        var r = new double[n, n];
        var chol = new double[n, n];
        var y = new double[n];
        double sum = 0;
        for (var t = 0; t < z.Count; t++)
        {
            if (t > 0)
            {
                Step(q, target, z[t - 1], a, b);
            }

            Normalise(q, r);
            if (!Cholesky(r, chol, n))
            {
                return double.NegativeInfinity;
            }

            // ln|R| = 2 Σ ln L_ii; zᵀR⁻¹z = |L⁻¹z|².
            double logDet = 0, quad = 0, zz = 0;
            var zt = z[t];
            for (var i = 0; i < n; i++)
            {
                var s = zt[i];
                for (var k = 0; k < i; k++)
                {
                    s -= chol[i, k] * y[k];
                }

                y[i] = s / chol[i, i];
                logDet += 2 * Math.Log(chol[i, i]);
                quad += y[i] * y[i];
                zz += zt[i] * zt[i];
            }

            sum += logDet + quad - zz;
        }

        return -0.5 * sum;
    }

    /// <summary>Maximum likelihood for (a, b): Nelder–Mead in logistic coordinates of p = a + b and a/p from a few
    /// starts, then standard errors from a central-difference Hessian. Null with fewer than 2 members or 10 days.</summary>
    public static Fit? Estimate(IReadOnlyList<double[]> z)
    {
        if (z.Count < 10 || z[0].Length < 2)
        {
            return null;
        }

        var target = Target(z);
        (double A, double B) Natural(double x1, double x2)
        {
            var p = MaxPersistence / (1 + Math.Exp(-x1));
            var u = 1 / (1 + Math.Exp(-x2));
            return (p * u, p * (1 - u));
        }

        double Objective(MathNet.Numerics.LinearAlgebra.Vector<double> x)
        {
            var (a, b) = Natural(x[0], x[1]);
            var ll = LogLikelihood(z, a, b, target);
            return double.IsFinite(ll) ? -ll : 1e300;
        }

        MinimizationResult? best = null;
        // Starts: (p, a/p) = (0.95, 0.05) and (0.5, 0.1) in logistic coordinates. The tolerance is relative to a
        // log-likelihood of order T·n: far below a standard error of a or b.
        foreach (var (x1, x2) in new[] { (2.9, -2.9), (0.0, -2.2) })
        {
            try
            {
                var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Objective),
                    MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray([x1, x2]), 1e-8, 1000);
                if (best is null || result.FunctionInfoAtMinimum.Value < best.FunctionInfoAtMinimum.Value)
                {
                    best = result;
                }
            }
            catch (MaximumIterationsException)
            {
                // Another start may converge.
            }
        }

        if (best is null || !(best.FunctionInfoAtMinimum.Value < 1e300))
        {
            return null;
        }

        var (aHat, bHat) = Natural(best.MinimizingPoint[0], best.MinimizingPoint[1]);
        var (aSe, bSe) = StandardErrors(z, target, aHat, bHat);
        return new Fit(aHat, bHat, aSe, bSe, LogLikelihood(z, aHat, bHat, target), target);
    }

    /// <summary>R_{T+1}: Q filtered through the whole sample and one step on, normalised.</summary>
    public static double[,] NextCorrelation(IReadOnlyList<double[]> z, double a, double b, double[,] target)
    {
        var n = z[0].Length;
        var q = (double[,])target.Clone();
        for (var t = 1; t <= z.Count; t++)
        {
            Step(q, target, z[t - 1], a, b);
        }

        var r = new double[n, n];
        Normalise(q, r);
        return r;
    }

    /// <summary>Q̄ = (1/T) Σ z_t z_tᵀ.</summary>
    public static double[,] Target(IReadOnlyList<double[]> z)
    {
        var n = z[0].Length;
        var s = new double[n, n];
        foreach (var row in z)
        {
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    s[i, k] += row[i] * row[k] / z.Count;
                }
            }
        }

        return s;
    }

    /// <summary>z_t ~ N(0, R_t) with DCC(a, b) correlations around <paramref name="target"/> (a correlation
    /// matrix), seeded: for tests and benchmarks.</summary>
    public static double[][] Simulate(double[,] target, double a, double b, int count, int seed, int burnIn = 500)
    {
        var n = target.GetLength(0);
        var random = new Random(seed);
        var q = (double[,])target.Clone();
        var r = new double[n, n];
        var chol = new double[n, n];
        var e = new double[n];
        var result = new double[count][];
        double[]? previous = null;
        for (var t = -burnIn; t < count; t++)
        {
            if (previous is not null)
            {
                Step(q, target, previous, a, b);
            }

            Normalise(q, r);
            if (!Cholesky(r, chol, n))
            {
                throw new InvalidOperationException("the simulated correlation matrix is not positive definite");
            }

            for (var i = 0; i < n; i++)
            {
                e[i] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
            }

            var zt = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k <= i; k++)
                {
                    zt[i] += chol[i, k] * e[k];
                }
            }

            previous = zt;
            if (t >= 0)
            {
                result[t] = zt;
            }
        }

        return result;
    }

    private static (double, double) StandardErrors(IReadOnlyList<double[]> z, double[,] target, double a, double b)
    {
        var h = 1e-4;
        if (a < h || b < h || a + b + h > MaxPersistence)
        {
            return (double.NaN, double.NaN);
        }

        double F(double x, double y) => LogLikelihood(z, x, y, target);
        var f0 = F(a, b);
        var faa = (F(a + h, b) - 2 * f0 + F(a - h, b)) / (h * h);
        var fbb = (F(a, b + h) - 2 * f0 + F(a, b - h)) / (h * h);
        var fab = (F(a + h, b + h) - F(a + h, b - h) - F(a - h, b + h) + F(a - h, b - h)) / (4 * h * h);
        var det = faa * fbb - fab * fab;
        if (!(faa < 0 && det > 0))
        {
            return (double.NaN, double.NaN);
        }

        return (Math.Sqrt(-fbb / det), Math.Sqrt(-faa / det));
    }

    private static void Step(double[,] q, double[,] target, double[] z, double a, double b)
    {
        var n = z.Length;
        var c = 1 - a - b;
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                q[i, k] = c * target[i, k] + a * z[i] * z[k] + b * q[i, k];
            }
        }
    }

    private static void Normalise(double[,] q, double[,] r)
    {
        var n = q.GetLength(0);
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                r[i, k] = i == k ? 1 : q[i, k] / Math.Sqrt(q[i, i] * q[k, k]);
            }
        }
    }

    private static bool Cholesky(double[,] m, double[,] l, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k <= i; k++)
            {
                var s = m[i, k];
                for (var j = 0; j < k; j++)
                {
                    s -= l[i, j] * l[k, j];
                }

                if (i == k)
                {
                    if (!(s > 0))
                    {
                        return false;
                    }

                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, k] = s / l[k, k];
                }
            }
        }

        return true;
    }
}
