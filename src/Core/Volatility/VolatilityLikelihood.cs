using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The log-likelihood of a <see cref="VolatilityModel"/> on one window of returns, with its analytic
/// gradient in the natural parameters. Holds the scratch arrays of one fit (not thread-safe; create one
/// per fit, or take the thread's reusable one, <see cref="ForThread"/>). Start-up: backcast = mean(ε²) of the window (fGarch's "mci"), see <see cref="VarianceRecursion"/>.
/// </summary>
public sealed class VolatilityLikelihood
{
    // The fitter's likelihood on each thread, kept between fits: a rolling run refits window after window of one length,
    // and new scratch arrays per fit cost more than copying the window in.
    [ThreadStatic]
    private static VolatilityLikelihood? t_likelihood;

    private readonly double[] _returns;
    private readonly double[] _residuals;
    private readonly double[] _variance;
    private readonly double[] _varianceWeights;
    private readonly double[] _residualWeights;
    private double[] _processGradient;

    // TryHessian's per-observation derivatives, allocated on its first call.
    private double[]? _derivatives;
    private double[]? _hh;
    private double[]? _he;
    private double[]? _ee;
    private double[]? _hEta;
    private double[]? _eEta;

    // LogLikelihoods' variances of several parameter sets, allocated on its first call.
    private double[]? _variances;

    public VolatilityLikelihood(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        Model = model;
        _returns = returns.ToArray();
        var n = returns.Length;
        _residuals = new double[n];
        _variance = new double[n];
        _varianceWeights = new double[n];
        _residualWeights = new double[n];
        _processGradient = new double[1 + model.Process.ParameterCount];
    }

    public VolatilityModel Model { get; private set; }

    public int Count => _returns.Length;

    /// <summary>
    /// This thread's likelihood, reset to <paramref name="model"/> on <paramref name="returns"/> (its scratch arrays reused
    /// when the window has the last one's length). Valid until the next call on the same thread: for a fit that runs
    /// start to end on one thread and keeps nothing of it, as <see cref="GarchFitter"/>'s do.
    /// </summary>
    internal static VolatilityLikelihood ForThread(VolatilityModel model, ReadOnlySpan<double> returns)
    {
        if (t_likelihood is not { } likelihood || likelihood._returns.Length != returns.Length)
        {
            return t_likelihood = new VolatilityLikelihood(model, returns);
        }

        likelihood.Model = model;
        returns.CopyTo(likelihood._returns);
        if (likelihood._processGradient.Length != 1 + model.Process.ParameterCount)
        {
            likelihood._processGradient = new double[1 + model.Process.ParameterCount];
        }

        likelihood.Passes = 0;
        return likelihood;
    }

    /// <summary>Passes over the window so far (one per log-likelihood evaluation, with or without gradient).</summary>
    public int Passes { get; private set; }

    /// <summary>Log-likelihood at natural parameters (all constants included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogLikelihood(ReadOnlySpan<double> parameters)
    {
        Filter(parameters, out _);
        return Model.Distribution.LogLikelihood(_residuals, _variance, Model.DistributionParameters(parameters));
    }

    /// <summary>
    /// <see cref="LogLikelihood(ReadOnlySpan{double})"/> at each of <paramref name="points"/> (natural parameters) into
    /// <paramref name="values"/>, the same numbers; where the points share μ and the distribution's parameters (a starting
    /// grid), the process's recursions for all of them run side by side (<see cref="VolatilityProcess.Variances"/>). One pass
    /// each.
    /// </summary>
    public void LogLikelihoods(IReadOnlyList<double[]> points, Span<double> values)
    {
        var model = Model;
        var m = points.Count;
        var k = model.Process.ParameterCount;
        var shared = m > 1;
        for (var i = 1; i < m && shared; i++)
        {
            shared = points[i][0].Equals(points[0][0])
                     && model.DistributionParameters(points[i]).SequenceEqual(model.DistributionParameters(points[0]));
        }

        if (!shared)
        {
            for (var i = 0; i < m; i++)
            {
                values[i] = LogLikelihood(points[i]);
            }

            return;
        }

        var count = _returns.Length;
        var sets = new double[m * k];
        for (var i = 0; i < m; i++)
        {
            model.ProcessParameters(points[i]).CopyTo(sets.AsSpan(i * k, k));
        }

        var variances = Scratch(ref _variances, m * count).AsSpan(0, m * count);
        Passes += m - 1;
        var backcast = Filter(points[0], out _, variance: false);
        model.Process.Variances(_residuals, sets, backcast, variances);
        var distribution = model.DistributionParameters(points[0]);
        for (var i = 0; i < m; i++)
        {
            values[i] = model.Distribution.LogLikelihood(_residuals, variances.Slice(i * count, count), distribution);
        }
    }

    /// <summary>Log-likelihood and its gradient with respect to the natural parameters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        var backcast = Filter(parameters, out var meanResidual);
        var model = Model;
        var ll = model.Distribution.LogLikelihood(_residuals, _variance, model.DistributionParameters(parameters),
            _varianceWeights, _residualWeights, gradient.Slice(model.DistributionOffset, model.Distribution.ParameterCount));
        model.Process.Gradient(_residuals, _variance, _varianceWeights, model.ProcessParameters(parameters), backcast,
            -2 * meanResidual, _processGradient);

        // μ enters through the residuals directly (∂ε/∂μ = −1) and through the variance path.
        var direct = VectorKernels.Sum(_residualWeights);
        gradient[0] = _processGradient[0] - direct;
        _processGradient.AsSpan(1).CopyTo(gradient.Slice(model.ProcessOffset, model.Process.ParameterCount));
        return ll;
    }

    /// <summary>Whether <see cref="TryHessian"/> works for this model: its process and its distribution provide second
    /// derivatives.</summary>
    public bool HasAnalyticHessian => Model.Process.HasSecondOrder && Model.Distribution.HasSecondDerivatives;

    /// <summary>
    /// The log-likelihood, its gradient and its Hessian (n × n) in the natural parameters from one pass with the
    /// second-order recursions (<see cref="VarianceHessian"/>, <see cref="InnovationDistribution.SecondDerivatives"/>):
    /// with θ = [μ, process], e_t = r_t − μ and ℓ_t = ℓ(e_t, σ²_t; η),
    /// ∂²LL/∂θ_a∂θ_b = Σ_t ℓ_hh·h_a·h_b + ℓ_he·(h_a·e_b + e_a·h_b) + ℓ_ee·e_a·e_b + ℓ_h·h_ab (e_μ = −1),
    /// ∂²LL/∂θ_a∂η_j = Σ_t ℓ_hη_j·h_a + ℓ_eη_j·e_a and ∂²LL/∂η∂η' = Σ_t ℓ_ηη'. False (nothing evaluated) when
    /// <see cref="HasAnalyticHessian"/> is false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryHessian(ReadOnlySpan<double> parameters, Span<double> gradient, double[,] hessian, out double logLikelihood)
    {
        logLikelihood = double.NaN;
        if (!HasAnalyticHessian)
        {
            return false;
        }

        var model = Model;
        var count = _returns.Length;
        var k = 1 + model.Process.ParameterCount;
        var m = model.Distribution.ParameterCount;
        var backcast = Filter(parameters, out var meanResidual);
        var distribution = model.DistributionParameters(parameters);
        logLikelihood = model.Distribution.LogLikelihood(_residuals, _variance, distribution, _varianceWeights, _residualWeights,
            gradient.Slice(model.DistributionOffset, m));

        var derivatives = Scratch(ref _derivatives, count * k);
        var hh = Scratch(ref _hh, count);
        var he = Scratch(ref _he, count);
        var ee = Scratch(ref _ee, count);
        var hEta = Scratch(ref _hEta, Math.Max(count * m, 1));
        var eEta = Scratch(ref _eEta, Math.Max(count * m, 1));
        Span<double> second = stackalloc double[k * k];
        Span<double> etaEta = stackalloc double[Math.Max(m * m, 1)];
        model.Distribution.SecondDerivatives(_residuals, _variance, distribution, hh, he, ee, hEta, eEta, etaEta);
        model.Process.SecondOrder(_residuals, _variance, _varianceWeights, model.ProcessParameters(parameters), backcast,
            -2 * meanResidual, derivatives, second);

        var hhRow = hh.AsSpan(0, count);
        var heRow = he.AsSpan(0, count);
        for (var a = 0; a < k; a++)
        {
            var da = derivatives.AsSpan(a * count, count);
            for (var b = a; b < k; b++)
            {
                var db = derivatives.AsSpan(b * count, count);
                var value = VectorKernels.Dot(hhRow, da, db) + second[a * k + b];
                if (a == 0)
                {
                    // ℓ_he·(h_a·e_b + e_a·h_b) with e_μ = −1 (twice for μμ), and ℓ_ee for μμ.
                    value -= VectorKernels.Dot(heRow, db);
                    value += b == 0 ? VectorKernels.Sum(ee.AsSpan(0, count)) - VectorKernels.Dot(heRow, da) : 0;
                }

                hessian[a, b] = hessian[b, a] = value;
            }

            for (var j = 0; j < m; j++)
            {
                var value = VectorKernels.Dot(hEta.AsSpan(j * count, count), da)
                            - (a == 0 ? VectorKernels.Sum(eEta.AsSpan(j * count, count)) : 0);
                hessian[a, k + j] = hessian[k + j, a] = value;
            }

            gradient[a] = VectorKernels.Dot(_varianceWeights, da);
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                hessian[k + i, k + j] = etaEta[i * m + j];
            }
        }

        // The gradient, as LogLikelihood(parameters, gradient) gives it, from the same derivatives.
        gradient[0] -= VectorKernels.Sum(_residualWeights);
        return true;
    }

    // A scratch array of at least this length, kept for the next call (the likelihood is reused across fits).
    private static double[] Scratch(ref double[]? array, int length) =>
        array is { } a && a.Length >= length ? a : array = new double[length];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Filter(ReadOnlySpan<double> parameters, out double meanResidual, bool variance = true)
    {
        Passes++;
        var mu = parameters[0];
        double sum = 0, sumSquares = 0;
        for (var t = 0; t < _returns.Length; t++)
        {
            var e = _returns[t] - mu;
            _residuals[t] = e;
            sum += e;
            sumSquares += e * e;
        }

        meanResidual = sum / _returns.Length;
        var backcast = sumSquares / _returns.Length;
        if (variance)
        {
            Model.Process.Variance(_residuals, Model.ProcessParameters(parameters), backcast, _variance);
        }

        return backcast;
    }
}
