using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Analytic gradients of a log-likelihood through the variance recursions of
/// <see cref="VarianceRecursion"/> (forward mode: the derivatives of σ²_t are carried along the
/// recursion and weighted on the fly, so nothing of size T × k is stored).
/// <para>
/// Inputs: the residuals, the variances the recursion produced (length T), and
/// <c>weights</c>[t] = ∂LL/∂σ²_t. Output <c>gradient</c> = Σ_t weights[t]·∂σ²_t/∂θ for
/// θ = [μ, process parameters…], where the μ entry covers only μ's path through the variance
/// (the residuals and the backcast); the likelihood adds its direct ∂/∂ε term.
/// <c>backcastSlope</c> is ∂backcast/∂μ (−2·mean(ε) for backcast = mean(ε²)).
/// </para>
/// </summary>
public static class VarianceGradient
{
    /// <summary>Gradient through <see cref="VarianceRecursion.Garch"/>: [μ, ω, α, β].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Garch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double beta, double backcast, double backcastSlope, Span<double> gradient)
    {
        _ = omega;
        var n = residuals.Length;
        CheckLengths(n, variance, weights, gradient, 4);

        // d = ∂σ²_t/∂(μ, ω, α, β), starting from σ²_1 = ω + (α + β)·backcast.
        var dMu = (alpha + beta) * backcastSlope;
        var dOmega = 1.0;
        var dAlpha = backcast;
        var dBeta = backcast;
        var w = weights[0];
        double gMu = w * dMu, gOmega = w * dOmega, gAlpha = w * dAlpha, gBeta = w * dBeta;
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            dMu = -2 * alpha * e + beta * dMu;
            dOmega = 1 + beta * dOmega;
            dAlpha = e * e + beta * dAlpha;
            dBeta = variance[t - 1] + beta * dBeta;
            w = weights[t];
            gMu += w * dMu;
            gOmega += w * dOmega;
            gAlpha += w * dAlpha;
            gBeta += w * dBeta;
        }

        gradient[0] = gMu;
        gradient[1] = gOmega;
        gradient[2] = gAlpha;
        gradient[3] = gBeta;
    }

    /// <summary>Gradient through <see cref="VarianceRecursion.GjrGarch"/>: [μ, ω, α, γ, β].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GjrGarch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double gamma, double beta, double backcast, double backcastSlope, Span<double> gradient)
    {
        _ = omega;
        var n = residuals.Length;
        CheckLengths(n, variance, weights, gradient, 5);

        var dMu = (alpha + 0.5 * gamma + beta) * backcastSlope;
        var dOmega = 1.0;
        var dAlpha = backcast;
        var dGamma = 0.5 * backcast;
        var dBeta = backcast;
        var w = weights[0];
        double gMu = w * dMu, gOmega = w * dOmega, gAlpha = w * dAlpha, gGamma = w * dGamma, gBeta = w * dBeta;
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            var e2 = e * e;
            var negative = e < 0;
            dMu = -2 * (negative ? alpha + gamma : alpha) * e + beta * dMu;
            dOmega = 1 + beta * dOmega;
            dAlpha = e2 + beta * dAlpha;
            dGamma = (negative ? e2 : 0) + beta * dGamma;
            dBeta = variance[t - 1] + beta * dBeta;
            w = weights[t];
            gMu += w * dMu;
            gOmega += w * dOmega;
            gAlpha += w * dAlpha;
            gGamma += w * dGamma;
            gBeta += w * dBeta;
        }

        gradient[0] = gMu;
        gradient[1] = gOmega;
        gradient[2] = gAlpha;
        gradient[3] = gGamma;
        gradient[4] = gBeta;
    }

    /// <summary>
    /// Gradient through <see cref="VarianceRecursion.Egarch"/>: [μ, ω, α, γ, β]. Carries ∂ln σ²_t/∂θ:
    /// ∂g_t = direct + (β − ½(α·a'(z)·z + γ·z))·∂g_{t−1} with a = smoothed |z|, a' its slope (for exact
    /// |z|, a'(z)·z = |z|); a clamped step has zero derivative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Egarch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double gamma, double beta, double backcast, double backcastSlope, Span<double> gradient)
    {
        var n = residuals.Length;
        CheckLengths(n, variance, weights, gradient, 5);
        var lnBackcast = Math.Log(backcast);
        var lo = lnBackcast - VarianceRecursion.EgarchLogVarianceRange;
        var hi = lnBackcast + VarianceRecursion.EgarchLogVarianceRange;

        var raw = omega + beta * lnBackcast;
        var g = Math.Clamp(raw, lo, hi);
        var free = raw == g;
        double dMu = 0, dOmega = 0, dAlpha = 0, dGamma = 0, dBeta = 0;
        if (free)
        {
            dMu = beta * backcastSlope / backcast;
            dOmega = 1;
            dBeta = lnBackcast;
        }

        var wh = weights[0] * variance[0];
        double gMu = wh * dMu, gOmega = wh * dOmega, gAlpha = 0, gGamma = 0, gBeta = wh * dBeta;
        for (var t = 1; t < n; t++)
        {
            var invSigma = 1 / Math.Sqrt(variance[t - 1]);
            var z = residuals[t - 1] * invSigma;
            var absZ = VarianceRecursion.SmoothAbs(z);
            raw = omega + alpha * (absZ - VarianceRecursion.EgarchMeanAbsZ) + gamma * z + beta * g;
            var gNext = Math.Clamp(raw, lo, hi);
            if (raw == gNext)
            {
                // ∂z/∂g_{t−1} = −z/2 and ∂z/∂μ = −1/σ.
                var slope = alpha * VarianceRecursion.SmoothAbsSlope(z) + gamma;
                var carry = beta - 0.5 * slope * z;
                dMu = -slope * invSigma + carry * dMu;
                dOmega = 1 + carry * dOmega;
                dAlpha = absZ - VarianceRecursion.EgarchMeanAbsZ + carry * dAlpha;
                dGamma = z + carry * dGamma;
                dBeta = g + carry * dBeta;
            }
            else
            {
                dMu = dOmega = dAlpha = dGamma = dBeta = 0;
            }

            g = gNext;
            wh = weights[t] * variance[t];
            gMu += wh * dMu;
            gOmega += wh * dOmega;
            gAlpha += wh * dAlpha;
            gGamma += wh * dGamma;
            gBeta += wh * dBeta;
        }

        gradient[0] = gMu;
        gradient[1] = gOmega;
        gradient[2] = gAlpha;
        gradient[3] = gGamma;
        gradient[4] = gBeta;
    }

    private static void CheckLengths(int n, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights, Span<double> gradient, int k)
    {
        if (n == 0 || variance.Length < n || weights.Length < n || gradient.Length != k)
        {
            throw new ArgumentException($"need T ≥ 1 residuals, T variances and weights, and {k} gradient slots");
        }
    }
}
