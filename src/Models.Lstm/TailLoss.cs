using RiskGrid.Core.Models;
using static TorchSharp.torch;

namespace RiskGrid.Models.Lstm;

/// <summary>
/// The training loss of the LSTM's heads, per level and averaged: the pinball (quantile) loss of VaR
/// plus the Fissler–Ziegel FZ0 loss of (VaR, ES) of Patton, Ziegel and Chen (2019), both strictly
/// consistent, so their expected sum is minimised by the true conditional VaR and ES. Written for
/// losses L = −r with VaR v &gt; 0, ES e ≥ v, tail probability p = 1 − α:
/// pinball = max(α·u, (α − 1)·u) with u = L − v;
/// FZ0 = (L − v)⁺/(p·e) + v/e + ln e − 1 (PZC's formula with Y = −L, their VaR −v and ES −e).
/// </summary>
internal static class TailLoss
{
    /// <summary>Pinball loss of one loss observation against VaR at level α.</summary>
    public static double Pinball(double loss, double var, double alpha)
    {
        var u = loss - var;
        return Math.Max(alpha * u, (alpha - 1) * u);
    }

    /// <summary>FZ0 loss of one observation against (VaR, ES) at level α; needs ES &gt; 0.</summary>
    public static double Fz0(double loss, double var, double es, double alpha) =>
        Math.Max(loss - var, 0) / ((1 - alpha) * es) + var / es + Math.Log(es) - 1;

    /// <summary>
    /// Mean over observations and levels of pinball + FZ0. <paramref name="losses"/>: (batch);
    /// <paramref name="var"/>, <paramref name="es"/>: (batch, levels); <paramref name="alphas"/>: (levels).
    /// </summary>
    public static Tensor Joint(Tensor losses, Tensor var, Tensor es, Tensor alphas)
    {
        // Written with KeptScalars rather than +, − and double operands (see there why).
        using var scope = NewDisposeScope();
        var u = losses.unsqueeze(1) - var;
        var alphasLessOne = alphas.sub(KeptScalars.One);
        var pinball = maximum(alphas * u, alphasLessOne * u);
        var fz0 = KeptScalars.Plus(KeptScalars.Plus(nn.functional.relu(u) / (alphasLessOne.neg() * es), var / es), es.log())
            .sub(KeptScalars.One);
        return KeptScalars.Plus(pinball, fz0).mean().MoveToOuterDisposeScope();
    }
}
