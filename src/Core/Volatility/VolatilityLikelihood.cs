using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The log-likelihood of a <see cref="VolatilityModel"/> on one window of returns, with its analytic
/// gradient in the natural parameters. Holds the scratch arrays of one fit (not thread-safe; create one
/// per fit). Start-up: backcast = mean(ε²) of the window (fGarch's "mci"), see <see cref="VarianceRecursion"/>.
/// </summary>
public sealed class VolatilityLikelihood
{
    private readonly double[] _returns;
    private readonly double[] _residuals;
    private readonly double[] _variance;
    private readonly double[] _varianceWeights;
    private readonly double[] _residualWeights;
    private readonly double[] _processGradient;

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

    public VolatilityModel Model { get; }

    public int Count => _returns.Length;

    /// <summary>Passes over the window so far (one per log-likelihood evaluation, with or without gradient).</summary>
    public int Passes { get; private set; }

    /// <summary>Log-likelihood at natural parameters (all constants included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogLikelihood(ReadOnlySpan<double> parameters)
    {
        Filter(parameters, out _);
        return Model.Distribution.LogLikelihood(_residuals, _variance, Model.DistributionParameters(parameters));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Filter(ReadOnlySpan<double> parameters, out double meanResidual)
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
        Model.Process.Variance(_residuals, Model.ProcessParameters(parameters), backcast, _variance);
        return backcast;
    }
}
