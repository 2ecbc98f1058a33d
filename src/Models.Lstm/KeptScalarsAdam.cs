using RiskGrid.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// Adam (Kingma and Ba; PyTorch's update with bias correction, no weight decay) whose coefficients
/// are Scalars this object holds, because TorchSharp 0.107's own <c>optim.Adam</c> passes temporaries
/// that a garbage collection can free mid-call (see <see cref="KeptScalars"/>).
/// </summary>
internal sealed class KeptScalarsAdam : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Tensor[] _parameters;
    private readonly Tensor[] _mean;
    private readonly Tensor[] _variance;
    private readonly double _learningRate;
    private readonly Scalar _beta1 = Beta1;
    private readonly Scalar _oneLessBeta1 = 1 - Beta1;
    private readonly Scalar _beta2 = Beta2;
    private readonly Scalar _oneLessBeta2 = 1 - Beta2;
    private readonly Scalar _epsilon = Epsilon;
    private long _step;

    public KeptScalarsAdam(IEnumerable<Tensor> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        _learningRate = learningRate;
        using var noGrad = no_grad();
        _mean = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _variance = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in _parameters)
        {
            p.grad?.zero_();
        }
    }

    public void Step()
    {
        _step++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _step);
        using Scalar sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2);
        using Scalar negativeStepSize = -_learningRate / biasCorrection1;
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            // The scope also frees the wrapper that reading .grad creates.
            using var scope = NewDisposeScope();
            if (_parameters[i].grad is not { } grad)
            {
                continue;
            }

            _mean[i].mul_(_beta1).add_(grad, _oneLessBeta1);
            _variance[i].mul_(_beta2).addcmul_(grad, grad, _oneLessBeta2);
            var denominator = _variance[i].sqrt().div_(sqrtBiasCorrection2).add_(_epsilon, KeptScalars.One);
            _parameters[i].addcdiv_(_mean[i], denominator, negativeStepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _mean.Concat(_variance))
        {
            t.Dispose();
        }

        _beta1.Dispose();
        _oneLessBeta1.Dispose();
        _beta2.Dispose();
        _oneLessBeta2.Dispose();
        _epsilon.Dispose();
    }
}
