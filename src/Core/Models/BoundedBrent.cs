namespace RiskGrid.Core.Models;

/// <summary>
/// Brent's method for the minimum of a function on a closed interval (Forsythe, Malcolm and Moler's
/// <c>fmin</c>, as in SciPy's <c>fminbound</c>): parabolic interpolation where it behaves, golden-section
/// steps where it does not. The minimum may lie on a bound: Brent only samples the interior, so a
/// bound the search closed in on is compared explicitly. (MathNet's <c>GoldenSectionMinimizer</c>
/// treats a minimum on a bound as a failure and expands the interval past it, which the bounded
/// estimates here must not do.)
/// </summary>
internal static class BoundedBrent
{
    private static readonly double GoldenStep = 0.5 * (3 - Math.Sqrt(5));
    private static readonly double SqrtEpsilon = Math.Sqrt(2.220446049250313e-16);

    /// <summary>The minimiser found, its value, the evaluations used, which bound (−1 lower, +1 upper,
    /// 0 none) it lies on, and whether it met the tolerance within the evaluation limit.</summary>
    public readonly record struct Result(double X, double Value, int Evaluations, int Bound, bool Converged);

    /// <param name="f">The objective; return a large finite value (not NaN) where it is undefined.</param>
    /// <param name="tolerance">Absolute tolerance on x.</param>
    public static Result Minimize(Func<double, double> f, double lower, double upper, double tolerance, int maxEvaluations = 200)
    {
        double a = lower, b = upper;
        double v = a + GoldenStep * (b - a), w = v, x = v;
        double fx = f(x), fv = fx, fw = fx;
        var evaluations = 1;
        double d = 0, e = 0;
        var converged = false;
        while (evaluations < maxEvaluations)
        {
            var middle = 0.5 * (a + b);
            var tol1 = SqrtEpsilon * Math.Abs(x) + tolerance / 3;
            var tol2 = 2 * tol1;
            if (Math.Abs(x - middle) <= tol2 - 0.5 * (b - a))
            {
                converged = true;
                break;
            }

            var golden = true;
            if (Math.Abs(e) > tol1)
            {
                // Parabola through (v, fv), (w, fw), (x, fx); accept its vertex when it falls well inside.
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                var previousStep = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(0.5 * q * previousStep) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2)
                    {
                        d = middle >= x ? tol1 : -tol1;
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                e = x >= middle ? a - x : b - x;
                d = GoldenStep * e;
            }

            var u = x + (d >= 0 ? Math.Max(Math.Abs(d), tol1) : -Math.Max(Math.Abs(d), tol1));
            var fu = f(u);
            evaluations++;
            if (fu <= fx)
            {
                if (u >= x)
                {
                    a = x;
                }
                else
                {
                    b = x;
                }

                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                if (u < x)
                {
                    a = u;
                }
                else
                {
                    b = u;
                }

                if (fu <= fw || w == x)
                {
                    (v, fv, w, fw) = (w, fw, u, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    (v, fv) = (u, fu);
                }
            }
        }

        // Brent approaches a bound to within a few of its steps (tol1) but never evaluates it.
        var bound = 0;
        var margin = 4 * (SqrtEpsilon * Math.Abs(x) + tolerance);
        var nearLower = x - lower <= margin;
        var nearUpper = upper - x <= margin;
        if (nearLower || nearUpper)
        {
            var edge = nearLower ? lower : upper;
            var fEdge = f(edge);
            evaluations++;
            if (fEdge <= fx)
            {
                (x, fx, bound) = (edge, fEdge, nearLower ? -1 : 1);
            }
        }

        return new Result(x, fx, evaluations, bound, converged);
    }
}
