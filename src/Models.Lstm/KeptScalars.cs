using RiskGrid.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// Tensor operations that never hand libtorch a temporary <see cref="Scalar"/>. TorchSharp 0.107 passes
/// a temporary Scalar's native handle (the hidden α of tensor <c>+</c>, softplus's β and threshold, a
/// <c>double</c> operand) without keeping the managed object alive, so a garbage collection during
/// the call can free it and libtorch reads garbage ("Expected false to be true" in Scalar::toFloat),
/// which fails a fit at random under load. Every Scalar used here is static (never collected) or held
/// by its owner for as long as it is used.
/// </summary>
internal static class KeptScalars
{
    public static readonly Scalar One = 1.0;

    /// <summary>a + b.</summary>
    public static Tensor Plus(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>softplus(x) = max(x, 0) + log(1 + e^−|x|), stable for any x.</summary>
    public static Tensor Softplus(Tensor x) => Plus(nn.functional.relu(x), x.abs().neg().exp().log1p());
}
