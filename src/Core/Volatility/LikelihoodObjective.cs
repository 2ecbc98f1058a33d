using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The function the optimiser minimises: −LL/T in working coordinates, with the analytic gradient
/// chained through the working-to-natural map. Always finite (a large penalty, never NaN), and it
/// remembers the best point it has seen, since a line search can end on a worse one.
/// <para>
/// The optimiser itself sees coordinates y_j = (x_j − c_j)/s_j, centred on the start
/// (<see cref="Centre"/>) and scaled to unit curvature there (<see cref="Scale"/>): BFGS starts from
/// an identity Hessian, so unit curvature saves the iterations it would spend learning it, and with
/// |y| small MathNet's relative-gradient test becomes a plain gradient test in those units.
/// </para>
/// </summary>
internal sealed class LikelihoodObjective
{
    /// <summary>Value returned where the likelihood is not finite (−LL/T of a sane fit is O(1)).</summary>
    public const double Penalty = 1e10;

    /// <summary>Optimiser evaluations in a row without improvement after which it is stopped.</summary>
    public const int StallLimit = 15;

    private readonly VolatilityLikelihood _likelihood;
    private readonly DataScale _scale;
    private readonly double[] _natural;
    private readonly double[] _naturalGradient;
    private readonly double[] _jacobian;
    private readonly double[,] _naturalHessian;
    private int _sinceImprovement;

    public LikelihoodObjective(VolatilityLikelihood likelihood, DataScale scale)
    {
        _likelihood = likelihood;
        _scale = scale;
        var n = likelihood.Model.ParameterCount;
        _natural = new double[n];
        _naturalGradient = new double[n];
        _jacobian = new double[n * n];
        _naturalHessian = new double[n, n];
        BestNaturalHessian = new double[n, n];
        BestWorking = new double[n];
        BestGradient = new double[n];
        BestNaturalGradient = new double[n];
        Scale = new double[n];
        Array.Fill(Scale, 1.0);
        Centre = new double[n];
    }

    public double BestValue { get; private set; } = double.PositiveInfinity;

    public double[] BestWorking { get; }

    /// <summary>The gradient at <see cref="BestWorking"/> when <see cref="BestHasGradient"/>.</summary>
    public double[] BestGradient { get; }

    /// <summary>The log-likelihood and its gradient in the natural parameters at <see cref="BestWorking"/>, when
    /// <see cref="BestHasGradient"/>.</summary>
    public double[] BestNaturalGradient { get; }

    /// <summary>See <see cref="BestNaturalGradient"/>.</summary>
    public double BestLogLikelihood { get; private set; } = double.NaN;

    /// <summary>False when the best point was found by a value-only evaluation.</summary>
    public bool BestHasGradient { get; private set; }

    /// <summary>The Hessian of the log-likelihood in the natural parameters at <see cref="BestWorking"/>, when
    /// <see cref="BestHasHessian"/>: the best point was evaluated by <see cref="ValueGradientAndHessian"/>.</summary>
    public double[,] BestNaturalHessian { get; }

    /// <summary>See <see cref="BestNaturalHessian"/>.</summary>
    public bool BestHasHessian { get; private set; }

    /// <summary>Gradient evaluations so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>x_j = Centre[j] + y_j · Scale[j] between working (x) and optimiser (y) coordinates.</summary>
    public double[] Scale { get; }

    /// <summary>See <see cref="Scale"/>.</summary>
    public double[] Centre { get; }

    /// <summary>−LL/T without the gradient.</summary>
    public double Value(ReadOnlySpan<double> working)
    {
        _likelihood.Model.ToNatural(working, _scale, _natural, _jacobian);
        var ll = _likelihood.LogLikelihood(_natural);
        var f = double.IsFinite(ll) ? -ll / _likelihood.Count : Penalty;
        if (f < BestValue)
        {
            BestHasGradient = false;
            BestHasHessian = false;
        }

        Remember(working, f);
        return f;
    }

    /// <summary>−LL/T at each of <paramref name="points"/> (working coordinates) into <paramref name="values"/>, as
    /// <see cref="Value"/> gives and remembers them one after the other (<see cref="VolatilityLikelihood.LogLikelihoods"/>).</summary>
    public void Values(IReadOnlyList<double[]> points, Span<double> values)
    {
        var n = _natural.Length;
        var naturals = new double[points.Count][];
        for (var i = 0; i < points.Count; i++)
        {
            naturals[i] = new double[n];
            _likelihood.Model.ToNatural(points[i], _scale, naturals[i], _jacobian);
        }

        _likelihood.LogLikelihoods(naturals, values);
        for (var i = 0; i < points.Count; i++)
        {
            var ll = values[i];
            var f = double.IsFinite(ll) ? -ll / _likelihood.Count : Penalty;
            if (f < BestValue)
            {
                BestHasGradient = false;
                BestHasHessian = false;
            }

            Remember(points[i], f);
            values[i] = f;
        }
    }

    /// <summary>−LL/T and its gradient in working coordinates (one slot per parameter).</summary>
    public double ValueAndGradient(ReadOnlySpan<double> working, Span<double> gradient)
    {
        Evaluations++;
        _likelihood.Model.ToNatural(working, _scale, _natural, _jacobian);
        var ll = _likelihood.LogLikelihood(_natural, _naturalGradient);
        return Chain(working, ll, gradient, hessian: false);
    }

    /// <summary>
    /// <see cref="ValueAndGradient"/> by one pass of the analytic Hessian (<see cref="VolatilityLikelihood.TryHessian"/>), which
    /// is kept as <see cref="BestNaturalHessian"/> when the point is the best so far: for the step a search expects to be its
    /// last, so that the fit's standard errors need no pass of their own. <see cref="ValueAndGradient"/> where the model has
    /// no analytic Hessian.
    /// </summary>
    public double ValueGradientAndHessian(ReadOnlySpan<double> working, Span<double> gradient)
    {
        if (!_likelihood.HasAnalyticHessian)
        {
            return ValueAndGradient(working, gradient);
        }

        Evaluations++;
        _likelihood.Model.ToNatural(working, _scale, _natural, _jacobian);
        _likelihood.TryHessian(_natural, _naturalGradient, _naturalHessian, out var ll);
        return Chain(working, ll, gradient, hessian: true);
    }

    // The gradient in working coordinates from the natural one (chain rule through the Jacobian), and the best point.
    private double Chain(ReadOnlySpan<double> working, double ll, Span<double> gradient, bool hessian)
    {
        var n = _natural.Length;
        var scale = -1.0 / _likelihood.Count;
        var finite = double.IsFinite(ll);
        for (var j = 0; j < n && finite; j++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += _jacobian[i * n + j] * _naturalGradient[i];
            }

            gradient[j] = scale * sum;
            finite = double.IsFinite(gradient[j]);
        }

        if (!finite)
        {
            gradient.Clear();
            return Penalty;
        }

        var f = scale * ll;
        if (f < BestValue)
        {
            gradient[..n].CopyTo(BestGradient);
            _naturalGradient.CopyTo(BestNaturalGradient, 0);
            BestLogLikelihood = ll;
            BestHasGradient = true;
            BestHasHessian = hessian;
            if (hessian)
            {
                Array.Copy(_naturalHessian, BestNaturalHessian, n * n);
            }
        }

        Remember(working, f);
        return f;
    }

    /// <summary>The MathNet objective, in the optimiser's coordinates y. Throws
    /// <see cref="OptimizerStalledException"/> after <see cref="StallLimit"/> evaluations without progress.</summary>
    public (double, Vector<double>) Evaluate(Vector<double> scaled)
    {
        var n = Scale.Length;
        Span<double> x = stackalloc double[n];
        for (var j = 0; j < n; j++)
        {
            x[j] = Centre[j] + scaled[j] * Scale[j];
        }

        var gradient = new double[n];
        var best = BestValue;
        var f = ValueAndGradient(x, gradient);

        _sinceImprovement = f < best - 1e-13 * Math.Max(Math.Abs(best), 1) ? 0 : _sinceImprovement + 1;
        if (_sinceImprovement >= StallLimit)
        {
            _sinceImprovement = 0;
            throw new OptimizerStalledException(StallLimit);
        }

        for (var j = 0; j < n; j++)
        {
            gradient[j] *= Scale[j];
        }

        return (f, DenseVector.OfArray(gradient));
    }

    /// <summary>Working coordinates → optimiser coordinates.</summary>
    public DenseVector ToScaled(IReadOnlyList<double> working)
    {
        var y = new double[Scale.Length];
        for (var j = 0; j < y.Length; j++)
        {
            y[j] = (working[j] - Centre[j]) / Scale[j];
        }

        return DenseVector.OfArray(y);
    }

    /// <summary>Centres the optimiser's coordinates on <paramref name="working"/> and scales them by
    /// s_j = 1/√H_jj of the given Hessian diagonal (scale 1 where H_jj is not positive).</summary>
    public void SetScaling(ReadOnlySpan<double> working, ReadOnlySpan<double> hessianDiagonal)
    {
        working.CopyTo(Centre);
        for (var j = 0; j < Scale.Length; j++)
        {
            var curvature = hessianDiagonal[j];
            Scale[j] = curvature > 0 && double.IsFinite(curvature) ? Math.Clamp(1 / Math.Sqrt(curvature), 1e-4, 1e4) : 1;
        }
    }

    /// <summary>
    /// The Hessian of the objective at <paramref name="working"/> (n × n row-major into <paramref name="hessian"/>): analytic
    /// where the model has it (<see cref="AnalyticHessian"/>, one pass), else by forward differences of the analytic gradient
    /// stepping inside the box (n + 1 gradient evaluations), symmetrised.
    /// </summary>
    public void Hessian(ReadOnlySpan<double> working, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Span<double> hessian)
    {
        if (_likelihood.HasAnalyticHessian && AnalyticHessian(working, lower, upper, hessian))
        {
            return;
        }

        DifferencedHessian(working, lower, upper, hessian);
    }

    /// <summary>
    /// The objective's Hessian in working coordinates from one pass of the analytic Hessian H in the natural parameters θ(x):
    /// −(Jᵀ·H·J + Σ_i ∂LL/∂θ_i · ∂²θ_i/∂x∂x)/T, the map's second derivatives by forward differences of its Jacobian (no
    /// likelihood passes). False when anything is not finite.
    /// </summary>
    private bool AnalyticHessian(ReadOnlySpan<double> working, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Span<double> hessian)
    {
        var n = Scale.Length;
        Span<double> g = stackalloc double[n];
        if (!(ValueGradientAndHessian(working, g) < Penalty))
        {
            return false;
        }

        // ValueGradientAndHessian left θ(x), J and H in the scratch arrays.
        Span<double> x = stackalloc double[n];
        Span<double> natural = stackalloc double[n];
        Span<double> shifted = stackalloc double[n * n];
        working.CopyTo(x);
        var scale = -1.0 / _likelihood.Count;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    var row = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        row += _naturalHessian[i, j] * _jacobian[j * n + b];
                    }

                    sum += _jacobian[i * n + a] * row;
                }

                hessian[a * n + b] = scale * sum;
            }
        }

        for (var b = 0; b < n; b++)
        {
            var step = InwardStep(x[b], lower[b], upper[b], 1e-6);

            var xb = x[b];
            x[b] = xb + step;
            _likelihood.Model.ToNatural(x, _scale, natural, shifted);
            x[b] = xb;
            for (var a = 0; a < n; a++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += _naturalGradient[i] * (shifted[i * n + a] - _jacobian[i * n + a]) / step;
                }

                hessian[a * n + b] += scale * sum;
            }
        }

        Symmetrise(hessian, n);

        for (var k = 0; k < n * n; k++)
        {
            if (!double.IsFinite(hessian[k]))
            {
                return false;
            }
        }

        return true;
    }

    private void DifferencedHessian(ReadOnlySpan<double> working, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Span<double> hessian)
    {
        var n = Scale.Length;
        Span<double> x = stackalloc double[n];
        Span<double> g0 = stackalloc double[n];
        Span<double> g1 = stackalloc double[n];
        working.CopyTo(x);
        ValueAndGradient(x, g0);
        for (var j = 0; j < n; j++)
        {
            var step = InwardStep(x[j], lower[j], upper[j], 1e-4);

            var xj = x[j];
            x[j] = xj + step;
            ValueAndGradient(x, g1);
            x[j] = xj;
            for (var i = 0; i < n; i++)
            {
                hessian[j * n + i] = (g1[i] - g0[i]) / step;
            }
        }

        Symmetrise(hessian, n);
    }

    /// <summary>
    /// <see cref="SetScaling(ReadOnlySpan{double}, ReadOnlySpan{double})"/> with H_jj measured at
    /// <paramref name="working"/> by a forward difference of the analytic gradient (n + 1 gradient
    /// evaluations, stepping inside the box).
    /// </summary>
    public void SetScaling(ReadOnlySpan<double> working, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        var n = Scale.Length;
        Span<double> hessian = stackalloc double[n * n];
        Span<double> diagonal = stackalloc double[n];
        Hessian(working, lower, upper, hessian);
        for (var j = 0; j < n; j++)
        {
            diagonal[j] = hessian[j * n + j];
        }

        SetScaling(working, diagonal);
    }

    // A difference step of this relative size (at least that share of a hundredth of the box), backwards where forwards
    // would leave the box.
    private static double InwardStep(double x, double lower, double upper, double relative)
    {
        var step = relative * Math.Max(Math.Abs(x), 0.01 * (upper - lower));
        return x + step > upper ? -step : step;
    }

    private static void Symmetrise(Span<double> matrix, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var mean = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
                matrix[i * n + j] = mean;
                matrix[j * n + i] = mean;
            }
        }
    }

    private void Remember(ReadOnlySpan<double> working, double f)
    {
        if (f < BestValue)
        {
            BestValue = f;
            working.CopyTo(BestWorking);
        }
    }
}
