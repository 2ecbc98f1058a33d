namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The joint linear regression of a quantile and an Expected Shortfall (Dimitriadis and Bayer 2019, esreg):
/// Q_p(y_t) = b₀ + b₁·a_t and ES_p(y_t) = g₀ + g₁·c_t (ES = E[y | y ≤ Q], in the lower tail of returns), by
/// M-estimation with the FZ0 joint loss (esreg's G₁ = 0, G₂(z) = −1/z: the specification esback's ESR backtests use):
/// <c>ρ(y, q, e) = (q − (q − y)·1{y ≤ q}/p)/e + log(−e)</c>, which needs e &lt; 0. As esreg does, y is shifted by
/// its maximum first (y − max y ≤ 0, so the ES is negative; the intercepts are shifted back after).
/// </summary>
/// <remarks>
/// <para>Estimation (deterministic, where esreg uses Nelder–Mead with random restarts): block coordinate descent on
/// the loss. Given the ES line the quantile part is a weighted linear quantile regression,
/// Σ w_t ρ_p(y_t − b₀ − b₁a_t) with w_t = −1/(p e_t) &gt; 0; it is solved by profiling out b₀ (a weighted p-quantile
/// of y − b₁a, by selection) and minimising the profile, which is convex in b₁, by golden sections (to 1e-11 relative).
/// Given the quantile line the ES part is smooth and is minimised by damped Newton steps that keep every e_t
/// negative. The two alternate until the loss stops falling (relative change 1e-13) or 200 rounds.</para>
/// <para>Covariance of (g₀, g₁): the ES block of esreg's sandwich Λ⁻¹ΣΛ⁻¹/n for a correctly specified model
/// (vcovA with misspec = FALSE; Λ is block diagonal then, so the quantile block and its density estimate drop out):
/// Λ₂₂ = (1/n) Σ x_t x_tᵀ/e_t², Σ₂₂ = (1/n) Σ x_t x_tᵀ/e_t⁴ · (σ²/p + (1 − p)/p · (q_t − e_t)²), x_t = (1, c_t),
/// with σ² the variance of the quantile residuals y − q at or below zero (esreg's sigma_est = "ind").</para>
/// </remarks>
public static class QuantileEsRegression
{
    private const int MaxRounds = 200;

    /// <summary>A fit: quantile line (b₀, b₁), ES line (g₀, g₁) in the data's own units, the mean loss at the fit
    /// (in the shifted data, less 1: esreg's <c>loss</c>), the covariance of (g₀, g₁), and the rounds taken.</summary>
    public sealed record Fit(double[] Quantile, double[] Es, double Loss, double[,] EsCovariance, int Rounds);

    /// <summary>
    /// Fits the regression of <paramref name="y"/> with quantile covariate <paramref name="a"/> and ES covariate
    /// <paramref name="c"/> at tail probability <paramref name="p"/>; null when the loss cannot be made finite
    /// (no ES line below every shifted observation) or the covariates do not vary.
    /// </summary>
    public static Fit? Estimate(ReadOnlySpan<double> y, ReadOnlySpan<double> a, ReadOnlySpan<double> c, double p)
    {
        var n = y.Length;
        if (a.Length != n || c.Length != n)
        {
            throw new ArgumentException("y and both covariates need the same length");
        }

        BacktestArguments.CheckRate(p);
        if (n < 3 || !Varies(a) || !Varies(c))
        {
            return null;
        }

        var shift = double.NegativeInfinity;
        foreach (var v in y)
        {
            shift = Math.Max(shift, v);
        }

        var ys = new double[n];
        for (var t = 0; t < n; t++)
        {
            ys[t] = y[t] - shift;
        }

        var work = new Work(ys, a.ToArray(), c.ToArray(), p);

        // Start: the unweighted quantile regression, and the ES line through the quantile line's tail means
        // (slope 1 on c, the intercept that puts every e below the data), then Newton on the ES part.
        var quantile = work.QuantileStep(null);
        var es = new double[] { 0, 1 };
        var maxC = double.NegativeInfinity;
        foreach (var v in c)
        {
            maxC = Math.Max(maxC, v);
        }

        es[0] = Math.Min(-shift, -maxC - 0.1); // the null's intercept 0, shifted, unless some e would not be negative
        if (!work.EsStep(quantile, es))
        {
            return null;
        }

        var (rounds, loss) = Descend(work, ref quantile, ref es, work.QuantileStep);
        var covariance = work.EsCovariance(quantile, es);
        return new Fit([quantile[0] + shift, quantile[1]], [es[0] + shift, es[1]], loss / n - 1, covariance, rounds);
    }

    // Block coordinate descent from a start whose ES line has been Newton-fitted to its quantile line: the quantile step
    // given the ES line, then the ES step, until the loss stops falling (relative change 1e-13) or MaxRounds rounds.
    private static (int Rounds, double Loss) Descend(Work work, ref double[] quantile, ref double[] es, Func<double[], double[]> quantileStep)
    {
        var loss = work.Loss(quantile, es);
        var rounds = 1;
        for (; rounds < MaxRounds; rounds++)
        {
            var nextQuantile = quantileStep(es);
            var nextEs = (double[])es.Clone();
            if (!work.EsStep(nextQuantile, nextEs))
            {
                break;
            }

            var next = work.Loss(nextQuantile, nextEs);
            if (!(next < loss))
            {
                break;
            }

            var done = loss - next <= 1e-13 * (1 + Math.Abs(loss));
            (quantile, es, loss) = (nextQuantile, nextEs, next);
            if (done)
            {
                break;
            }
        }

        return (rounds, loss);
    }

    /// <summary>
    /// The Wald statistic of H₀: (g₀, g₁) = (0, 1), d ᵀ V⁻¹ d with d = (g₀, g₁ − 1); NaN when V is not positive definite.
    /// </summary>
    public static double WaldStatistic(Fit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var v = fit.EsCovariance;
        var det = v[0, 0] * v[1, 1] - v[0, 1] * v[1, 0];
        if (!(v[0, 0] > 0 && det > 0) || !double.IsFinite(det))
        {
            return double.NaN;
        }

        double d0 = fit.Es[0], d1 = fit.Es[1] - 1;
        return (d0 * d0 * v[1, 1] - d0 * d1 * (v[0, 1] + v[1, 0]) + d1 * d1 * v[0, 0]) / det;
    }

    /// <summary>
    /// Refits the regression on many return series that share the covariates and the tail probability (Monte Carlo
    /// replicates) with its buffers reused: the statistic a replicate needs, cheaply.
    /// </summary>
    /// <remarks>
    /// <see cref="Estimate"/>'s procedure (the same start, block descent, ES step, stopping rule and covariance), with its
    /// weighted quantile regressions solved exactly by pivoting (<c>Work.QuantilePivot</c>, the first pivot taken from a
    /// given fit's quantile line) instead of by golden sections on the slope: both find the one minimum of the same convex
    /// problem, so the two fits agree up to the golden sections' 1e-11 on the slope, at a fraction of the cost. The ES line
    /// is not warm-started: started from the observed fit's ES line the descent reaches the same loss (to 1e-14) but stops
    /// at points whose Wald statistics differ by up to 0.06 (T = 1000), so the statistic would depend on the start; from
    /// <see cref="Estimate"/>'s start every replicate's statistic is the same function of its returns as the observed one's.
    /// </remarks>
    public sealed class Refitter
    {
        private readonly double[] _c;
        private readonly double _maxC;
        private readonly double[] _y;
        private readonly Work _work;

        public Refitter(ReadOnlySpan<double> a, ReadOnlySpan<double> c, double p)
        {
            if (a.Length != c.Length)
            {
                throw new ArgumentException("both covariates need the same length");
            }

            BacktestArguments.CheckRate(p);
            _c = c.ToArray();
            _maxC = _c.Length > 0 ? _c.Max() : double.NaN;
            _y = new double[_c.Length];
            _work = new Work(_y, a.ToArray(), _c, p);
        }

        /// <summary>
        /// The Wald statistic (<see cref="WaldStatistic"/>) of the regression of <paramref name="y"/> on this refitter's
        /// covariates (<paramref name="start"/>, in the data's own units, gives the pivoting its first point); NaN when no
        /// finite fit is reached or the covariance is not positive definite.
        /// </summary>
        public double Wald(ReadOnlySpan<double> y, Fit start) => Estimate(y, start) is { } fit ? WaldStatistic(fit) : double.NaN;

        /// <summary>The fit of <paramref name="y"/> on this refitter's covariates (<paramref name="start"/> gives the
        /// pivoting its first point); null when no finite fit is reached.</summary>
        public Fit? Estimate(ReadOnlySpan<double> y, Fit start)
        {
            ArgumentNullException.ThrowIfNull(start);
            if (y.Length != _y.Length)
            {
                throw new ArgumentException("y needs the covariates' length", nameof(y));
            }

            var shift = double.NegativeInfinity;
            foreach (var v in y)
            {
                shift = Math.Max(shift, v);
            }

            if (!double.IsFinite(shift))
            {
                return null;
            }

            for (var t = 0; t < _y.Length; t++)
            {
                _y[t] = y[t] - shift;
            }

            // Estimate's start: the unweighted quantile regression, and the ES line (shift or below, 1) Newton-fitted to it.
            var quantile = _work.QuantilePivot(null, [start.Quantile[0] - shift, start.Quantile[1]]);
            double[] es = [Math.Min(-shift, -_maxC - 0.1), 1];
            if (!_work.EsStep(quantile, es))
            {
                return null;
            }

            var (rounds, loss) = Descend(_work, ref quantile, ref es, e => _work.QuantilePivot(e, quantile));
            return new Fit([quantile[0] + shift, quantile[1]], [es[0] + shift, es[1]], loss / _y.Length - 1, _work.EsCovariance(quantile, es), rounds);
        }
    }

    /// <summary>The tail points of <paramref name="n"/> observations at tail probability <paramref name="p"/>: ⌈np⌉, with np
    /// rounded first (np an integer up to the rounding of p = 1 − α counts np, not np + 1).</summary>
    internal static int TailCount(int n, double p) => (int)Math.Ceiling(n * p - 1e-9);

    /// <summary>A fit with a constant ES equation (<see cref="ConstantEsFitter"/>): the quantile line (b₀, b₁), the ES g₀ and
    /// the variance of g₀, in the data's own units.</summary>
    public sealed record ConstantEsFit(double[] Quantile, double Es, double EsVariance);

    /// <summary>
    /// The regression with a constant ES equation, Q_p(y_t) = b₀ + b₁·a_t and ES_p(y_t) = g₀, on the same FZ0 loss: the
    /// specification of esback's intercept ESR backtest (<c>esr_backtest(version = 3)</c>, <c>I(r − e) ~ e | 1</c>), fitted
    /// repeatedly (a bootstrap's or a Monte Carlo's replicates) with its buffers reused.
    /// </summary>
    /// <remarks>
    /// With a constant ES the loss separates: for any g₀ &lt; 0 the quantile part is Σ ρ_p(y − b₀ − b₁a) with the equal
    /// weights −1/(p g₀), so (b₀, b₁) is the plain linear quantile regression (solved exactly by pivoting, as the refits'
    /// quantile step), and the ES part's first-order condition gives g₀ = (1/n) Σ (q_t + (y_t − q_t)·1{y_t ≤ q_t}/p), the
    /// minimiser where g₀ is below max y (esreg's shifted data need e &lt; 0; otherwise no finite fit). Where a does not vary
    /// the quantile line is a constant, the ⌈np⌉-th smallest y (slope 0), and g₀ the empirical tail's ES (the former
    /// intercept test's estimate). Variance of g₀:
    /// <see cref="Fit.EsCovariance"/>'s sandwich with x_t = 1, (1/n²) Σ (σ²/p + (1 − p)/p · (q_t − g₀)²), σ² the variance of
    /// the quantile residuals at or below zero, the line's two basis points always among them (esreg's vcovA, misspec = FALSE,
    /// sigma_est = "ind", which counts them as their residuals' rounding falls).
    /// </remarks>
    public sealed class ConstantEsFitter
    {
        private readonly double[] _y;
        private readonly double[] _a;
        private readonly double[] _z;
        private readonly double[] _w;
        private readonly double _p;
        private readonly Work _work;

        public ConstantEsFitter(int n, double p)
        {
            BacktestArguments.CheckRate(p);
            (_y, _a, _z, _w, _p) = (new double[n], new double[n], new double[n], new double[n], p);
            _work = new Work(_y, _a, _a, p);
        }

        /// <summary>Fits <paramref name="y"/> with quantile covariate <paramref name="a"/> (<paramref name="start"/>, a
        /// quantile line, gives the pivoting its first point; null: the constant p-quantile); null when a value is not
        /// finite or no finite fit exists.</summary>
        public ConstantEsFit? Fit(ReadOnlySpan<double> y, ReadOnlySpan<double> a, double[]? start = null)
        {
            var n = _y.Length;
            if (y.Length != n || a.Length != n)
            {
                throw new ArgumentException("y and a need the fitter's length");
            }

            y.CopyTo(_y);
            a.CopyTo(_a);
            var max = double.NegativeInfinity;
            foreach (var v in _y)
            {
                if (!double.IsFinite(v))
                {
                    return null;
                }

                max = Math.Max(max, v);
            }

            var quantile = Varies(_a) ? _work.QuantilePivot(null, start ?? _work.QuantileConstant()) : ConstantQuantile();

            // The tail: residuals at or below zero, the line's own (basis) points included whichever way their residual of
            // ~1e-16 rounds (one point more or less moves the truncated variance by a few tenths of a per cent).
            var scale = 0.0;
            foreach (var v in _y)
            {
                scale = Math.Max(scale, Math.Abs(v));
            }

            var onLine = 1e-12 * (1 + scale);
            double es = 0, sum = 0, squares = 0;
            var count = 0;
            for (var t = 0; t < n; t++)
            {
                var u = _y[t] - (quantile[0] + quantile[1] * _a[t]);
                es += u <= 0 ? u / _p : 0;
                if (u <= onLine)
                {
                    (sum, squares, count) = (sum + u, squares + u * u, count + 1);
                }
            }

            es = (es + n * quantile[0]) / n;
            for (var t = 0; t < n; t++)
            {
                es += quantile[1] * _a[t] / n;
            }

            if (!(es < max) || count < 2)
            {
                return null;
            }

            var truncatedVariance = Math.Max(0, (squares - sum * sum / count) / (count - 1));
            var variance = 0.0;
            for (var t = 0; t < n; t++)
            {
                var d = quantile[0] + quantile[1] * _a[t] - es;
                variance += truncatedVariance / _p + (1 - _p) / _p * d * d;
            }

            return new ConstantEsFit(quantile, es, variance / ((double)n * n));
        }

        // The constant quantile line: the k-th smallest y, k = ⌈np⌉ with np rounded first (np an integer up to the rounding
        // of p = 1 − α takes the np-th, not the next; any point between them minimises the check loss and gives the same g₀).
        private double[] ConstantQuantile()
        {
            _y.CopyTo(_z, 0);
            Array.Fill(_w, 1.0);
            var k = Math.Max(1, TailCount(_y.Length, _p));
            return [WeightedQuantile(_z, _w, k), 0];
        }
    }

    /// <summary>The covariance of the ES line (g₀, g₁) at given lines (in the data's own units): the formula of
    /// <see cref="Fit.EsCovariance"/> at any point, e.g. another implementation's estimates.</summary>
    internal static double[,] EsCovarianceAt(double[] y, double[] a, double[] c, double p, double[] quantile, double[] es)
    {
        var shift = y.Max();
        return new Work([.. y.Select(v => v - shift)], a, c, p).EsCovariance([quantile[0] - shift, quantile[1]], [es[0] - shift, es[1]]);
    }

    /// <summary>The weighted linear quantile regression of y on (1, a) at probability p: (b₀, b₁) minimising
    /// Σ w_t ρ_p(y_t − b₀ − b₁a_t), the estimator's quantile step.</summary>
    internal static double[] WeightedQuantileRegression(double[] y, double[] a, double[] w, double p) =>
        new Work(y, a, a, p).QuantileFit(w);

    /// <summary>The same regression solved exactly by pivoting (the refits' quantile step), the first pivot the point
    /// nearest the line <paramref name="start"/>.</summary>
    internal static double[] WeightedQuantileRegressionByPivoting(double[] y, double[] a, double[] w, double p, double[] start) =>
        new Work(y, a, a, p).QuantilePivot(null, start, w);

    private static bool Varies(ReadOnlySpan<double> x)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in x)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }

            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        return hi - lo > 1e-12 * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)));
    }

    private sealed class Work(double[] y, double[] a, double[] c, double p)
    {
        private readonly double[] _z = new double[y.Length];
        private readonly double[] _w = new double[y.Length];
        private readonly double[] _weights = new double[y.Length];
        private readonly double[] _target = new double[y.Length];

        private int N => y.Length;

        /// <summary>The summed loss Σ (q − (q − y)1{y ≤ q}/p)/e + log(−e) (esreg's mean loss is this over n, less 1); +∞ where some e ≥ 0.</summary>
        public double Loss(double[] quantile, double[] es)
        {
            var sum = 0.0;
            for (var t = 0; t < N; t++)
            {
                var q = quantile[0] + quantile[1] * a[t];
                var e = es[0] + es[1] * c[t];
                if (!(e < 0))
                {
                    return double.PositiveInfinity;
                }

                var hit = y[t] <= q ? (q - y[t]) / p : 0;
                sum += (q - hit) / e + Math.Log(-e);
            }

            return sum;
        }

        /// <summary>The weighted quantile regression of y on (1, a), weights −1/(p e_t) (all 1 when <paramref name="es"/> is null).</summary>
        public double[] QuantileStep(double[]? es)
        {
            for (var t = 0; t < N; t++)
            {
                _weights[t] = es is null ? 1 : -1 / (p * (es[0] + es[1] * c[t]));
            }

            return QuantileFit();
        }

        public double[] QuantileFit(double[] weights)
        {
            weights.CopyTo(_weights, 0);
            return QuantileFit();
        }

        private double[] QuantileFit()
        {
            // Golden sections on the slope, the intercept profiled out. Bracket: a point m and m ± h with neither side
            // lower (the profile is convex, so its minimum lies between them); h starts at the spread of y over a's.
            var h = Spread(y) / Spread(a);
            double m = 0, fm = Profile(0).Value, lo = -h, hi = h;
            for (var grow = 0; grow < 100; grow++)
            {
                (lo, hi) = (m - h, m + h);
                var (fl, fr) = (Profile(lo).Value, Profile(hi).Value);
                if (fl >= fm && fr >= fm)
                {
                    break;
                }

                (m, fm) = fl < fr ? (lo, fl) : (hi, fr);
                h *= 2;
            }

            const double ratio = 0.6180339887498949;
            var x1 = hi - ratio * (hi - lo);
            var x2 = lo + ratio * (hi - lo);
            var (f1, f2) = (Profile(x1).Value, Profile(x2).Value);
            for (var i = 0; i < 200 && hi - lo > 1e-11 * (1 + Math.Abs(lo) + Math.Abs(hi)); i++)
            {
                if (f1 <= f2)
                {
                    (hi, x2, f2) = (x2, x1, f1);
                    x1 = hi - ratio * (hi - lo);
                    f1 = Profile(x1).Value;
                }
                else
                {
                    (lo, x1, f1) = (x1, x2, f2);
                    x2 = lo + ratio * (hi - lo);
                    f2 = Profile(x2).Value;
                }
            }

            var slope = f1 <= f2 ? x1 : x2;
            return [Profile(slope).Intercept, slope];
        }

        /// <summary>
        /// The weighted quantile regression of y on (1, a), weights −1/(p e_t) (all 1 when <paramref name="es"/> is null), solved exactly by pivoting (Wesolowsky's
        /// 1981 descent for least absolute deviations, with ρ_p): among the lines through a data point k, Σ w ρ_p is
        /// minimised by a slope that is a weighted quantile of the slopes s_t = (y_t − y_k)/(a_t − a_k), weights
        /// w_t|a_t − a_k|, at Σ τ_t w_t|a_t − a_k| (τ_t = p where a_t &gt; a_k, 1 − p where a_t &lt; a_k); that line passes
        /// through a second point j, the next pivot. Each pass is O(n) and the loss never rises; when a pass lowers it no
        /// more, the line is optimal along the lines through both of its points, hence optimal (the loss is convex and
        /// piecewise linear). The first pivot is the point nearest <paramref name="start"/>.
        /// </summary>
        public double[] QuantilePivot(double[]? es, double[] start, double[]? weights = null)
        {
            for (var t = 0; t < N; t++)
            {
                _weights[t] = weights?[t] ?? (es is null ? 1 : -1 / (p * (es[0] + es[1] * c[t])));
            }

            var k = Math.Max(0, NearestPoint(start, -1)); // (the first point when no distance is finite)

            double[] best = [start[0], start[1]];
            var bestValue = double.PositiveInfinity; // the first pass's line is taken: the start need not be a vertex
            for (var pass = 0; pass < 100; pass++)
            {
                int m = 0;
                double target = 0;
                for (var t = 0; t < N; t++)
                {
                    var d = a[t] - a[k];
                    if (d == 0)
                    {
                        continue; // a point beside the pivot: its term does not depend on the slope
                    }

                    var weight = _weights[t] * Math.Abs(d);
                    _z[m] = (y[t] - y[k]) / d;
                    _w[m++] = weight;
                    target += (d > 0 ? p : 1 - p) * weight;
                }

                if (m == 0)
                {
                    break;
                }

                var slope = WeightedQuantile(_z.AsSpan(0, m), _w.AsSpan(0, m), target);
                double[] line = [y[k] - slope * a[k], slope];
                var value = CheckLoss(line);
                if (pass > 0 && !(value < bestValue - 1e-15 * Math.Abs(bestValue)))
                {
                    if (value <= bestValue)
                    {
                        (best, bestValue) = (line, value);
                    }

                    break;
                }

                (best, bestValue) = (line, value);

                // The next pivot: the point the new line passes through besides k (the one nearest it).
                var next = NearestPoint(line, k);
                if (next < 0)
                {
                    break;
                }

                k = next;
            }

            return best;
        }

        // The point nearest the line (first of equals); with besides ≥ 0, among the points whose a differs from that
        // point's (and not it); −1 when there is none.
        private int NearestPoint(double[] line, int besides)
        {
            var nearest = -1;
            var distance = double.PositiveInfinity;
            for (var t = 0; t < N; t++)
            {
                if (besides >= 0 && (t == besides || a[t] == a[besides]))
                {
                    continue;
                }

                var r = Math.Abs(y[t] - line[0] - line[1] * a[t]);
                if (r < distance)
                {
                    (distance, nearest) = (r, t);
                }
            }

            return nearest;
        }

        // Σ w ρ_p(y − b₀ − b₁a) with the weights in _weights.
        private double CheckLoss(double[] line)
        {
            var value = 0.0;
            for (var t = 0; t < N; t++)
            {
                var u = y[t] - line[0] - line[1] * a[t];
                value += _weights[t] * (u >= 0 ? p * u : (p - 1) * u);
            }

            return value;
        }

        /// <summary>Newton on the ES line with the quantile line held; false when no finite loss can be reached.</summary>
        public bool EsStep(double[] quantile, double[] es)
        {
            var target = _target; // c_t of the loss: q − (q − y)1{y ≤ q}/p
            for (var t = 0; t < N; t++)
            {
                var q = quantile[0] + quantile[1] * a[t];
                target[t] = q - (y[t] <= q ? (q - y[t]) / p : 0);
            }

            double Value(double g0, double g1)
            {
                var sum = 0.0;
                for (var t = 0; t < N; t++)
                {
                    var e = g0 + g1 * c[t];
                    if (!(e < 0))
                    {
                        return double.PositiveInfinity;
                    }

                    sum += target[t] / e + Math.Log(-e);
                }

                return sum;
            }

            var value = Value(es[0], es[1]);
            if (double.IsPositiveInfinity(value))
            {
                return false;
            }

            for (var iteration = 0; iteration < 100; iteration++)
            {
                double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
                for (var t = 0; t < N; t++)
                {
                    var e = es[0] + es[1] * c[t];
                    var d1 = -target[t] / (e * e) + 1 / e;
                    var d2 = (2 * target[t] - e) / (e * e * e);
                    g0 += d1;
                    g1 += d1 * c[t];
                    h00 += d2;
                    h01 += d2 * c[t];
                    h11 += d2 * c[t] * c[t];
                }

                var det = h00 * h11 - h01 * h01;
                double s0, s1;
                if (h00 > 0 && det > 1e-300 * Math.Max(1, h00 * h11))
                {
                    s0 = -(h11 * g0 - h01 * g1) / det;
                    s1 = -(-h01 * g0 + h00 * g1) / det;

                    // The Newton decrement: what the quadratic model still promises; below rounding, converged.
                    if (-(g0 * s0 + g1 * s1) <= 1e-15 * (1 + Math.Abs(value)))
                    {
                        break;
                    }
                }
                else
                {
                    (s0, s1) = (-g0, -g1); // not convex here: steepest descent, the line search scales it
                }

                var improved = false;
                for (var (step, halving) = (1.0, 0); halving < 60; halving++, step *= 0.5)
                {
                    var (n0, n1) = (es[0] + step * s0, es[1] + step * s1);
                    var next = Value(n0, n1);
                    if (next < value)
                    {
                        var small = value - next <= 1e-15 * (1 + Math.Abs(value));
                        (es[0], es[1], value) = (n0, n1, next);
                        improved = !small;
                        break;
                    }
                }

                if (!improved)
                {
                    break;
                }
            }

            return true;
        }

        public double[,] EsCovariance(double[] quantile, double[] es)
        {
            // σ²: the sample variance of the quantile residuals at or below zero.
            double sum = 0, squares = 0;
            var count = 0;
            for (var t = 0; t < N; t++)
            {
                var u = y[t] - (quantile[0] + quantile[1] * a[t]);
                if (u <= 0)
                {
                    sum += u;
                    squares += u * u;
                    count++;
                }
            }

            var truncatedVariance = count > 1 ? Math.Max(0, (squares - sum * sum / count) / (count - 1)) : double.NaN;
            double l00 = 0, l01 = 0, l11 = 0, s00 = 0, s01 = 0, s11 = 0;
            for (var t = 0; t < N; t++)
            {
                var q = quantile[0] + quantile[1] * a[t];
                var e = es[0] + es[1] * c[t];
                var lambda = 1 / (e * e);
                var sigma = lambda * lambda * (truncatedVariance / p + (1 - p) / p * (q - e) * (q - e));
                l00 += lambda;
                l01 += lambda * c[t];
                l11 += lambda * c[t] * c[t];
                s00 += sigma;
                s01 += sigma * c[t];
                s11 += sigma * c[t] * c[t];
            }

            // Λ⁻¹ Σ Λ⁻¹ / n with Λ = L/n and Σ = S/n is L⁻¹ S L⁻¹.
            var det = l00 * l11 - l01 * l01;
            double i00 = l11 / det, i01 = -l01 / det, i11 = l00 / det;
            double m00 = i00 * s00 + i01 * s01, m01 = i00 * s01 + i01 * s11;
            double m10 = i01 * s00 + i11 * s01, m11 = i01 * s01 + i11 * s11;
            var v = new double[2, 2];
            v[0, 0] = m00 * i00 + m01 * i01;
            v[0, 1] = m00 * i01 + m01 * i11;
            v[1, 0] = m10 * i00 + m11 * i01;
            v[1, 1] = m10 * i01 + m11 * i11;
            return v;
        }

        /// <summary>The unweighted quantile regression of y on a constant, the line (a weighted p-quantile of y, 0): a start for the pivoting.</summary>
        public double[] QuantileConstant()
        {
            Array.Fill(_weights, 1.0);
            return [Profile(0).Intercept, 0];
        }

        // min over b₀ of Σ w ρ_p(y − slope·a − b₀): b₀ is a weighted p-quantile of z = y − slope·a.
        private (double Value, double Intercept) Profile(double slope)
        {
            var total = 0.0;
            for (var t = 0; t < N; t++)
            {
                _z[t] = y[t] - slope * a[t];
                _w[t] = _weights[t];
                total += _weights[t];
            }

            var intercept = WeightedQuantile(_z, _w, p * total);
            var value = 0.0;
            for (var t = 0; t < N; t++)
            {
                var u = y[t] - slope * a[t] - intercept;
                value += _weights[t] * (u >= 0 ? p * u : (p - 1) * u);
            }

            return (value, intercept);
        }

        private static double Spread(double[] x)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var v in x)
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            return hi - lo;
        }
    }

    /// <summary>
    /// The smallest z₍ₖ₎ whose cumulative weight (ascending z) reaches <paramref name="target"/>: a minimiser of
    /// Σ w ρ_p(z − b) when target = p Σ w. Quickselect on (z, w) in place (both arrays are reordered).
    /// </summary>
    internal static double WeightedQuantile(Span<double> z, Span<double> w, double target)
    {
        int lo = 0, hi = z.Length - 1;
        var below = 0.0; // weight of the elements left of lo, all ≤ those in [lo, hi]
        while (true)
        {
            if (lo == hi)
            {
                return z[lo];
            }

            // Median-of-three pivot, three-way partition [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            var mid = lo + ((hi - lo) >> 1);
            var pivot = Median(z[lo], z[mid], z[hi]);
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                if (z[i] < pivot)
                {
                    Swap(z, w, lt++, i++);
                }
                else if (z[i] > pivot)
                {
                    Swap(z, w, i, gt--);
                }
                else
                {
                    i++;
                }
            }

            var left = 0.0;
            for (var k = lo; k < lt; k++)
            {
                left += w[k];
            }

            var equal = 0.0;
            for (var k = lt; k <= gt; k++)
            {
                equal += w[k];
            }

            if (below + left >= target && lt > lo)
            {
                hi = lt - 1;
            }
            else if (below + left + equal >= target || gt == hi)
            {
                return pivot;
            }
            else
            {
                below += left + equal;
                lo = gt + 1;
            }
        }
    }

    private static double Median(double x, double y, double z) =>
        Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));

    private static void Swap(Span<double> z, Span<double> w, int i, int j)
    {
        (z[i], z[j]) = (z[j], z[i]);
        (w[i], w[j]) = (w[j], w[i]);
    }
}
