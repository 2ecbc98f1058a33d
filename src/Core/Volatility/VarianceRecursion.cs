using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// The conditional-variance recursions as free functions over spans, shared by estimation (the whole
/// window), forecasting (one step past the window) and simulation (one step at a time).
/// <para>
/// Each takes the residuals ε_1..ε_T (returns minus mean, oldest first) and a <c>backcast</c>: the
/// sample mean of ε², which stands in for the variance before the window. It fills
/// <c>variance</c>, which the caller allocates with length T (in-sample σ²_1..σ²_T) or T + 1 (then the
/// last element is the one-step-ahead forecast σ²_{T+1}).
/// </para>
/// <para>
/// Start-up (fGarch's <c>init.rec = "mci"</c>): σ²_1 is one step of the recursion from σ²_0 = backcast
/// with the lagged shock terms at their expectations. For GARCH that is ω + (α + β)·backcast, exactly
/// fGarch's rule. For GJR it is ω + (α + γ/2 + β)·backcast (E[1(ε&lt;0)ε²] = σ²/2 for symmetric
/// innovations), which is what fGarch's R-level "filter" likelihood computes; fGarch's default Fortran
/// likelihood instead uses its unleveraged APARCH persistence, which in the usual GJR form has an
/// infinite derivative at α = 0 (the S&amp;P 500 optimum) — the two differ by 0.09 in log-likelihood
/// on the S&amp;P 500 fit. For EGARCH, ln σ²_1 = ω + β·ln(backcast) (both shock terms have mean zero).
/// </para>
/// </summary>
public static class VarianceRecursion
{
    /// <summary>E|z| used by EGARCH for every innovation distribution: √(2/π), the standard normal
    /// value (arch's convention; for Student-t innovations the difference is absorbed by ω).</summary>
    public const double EgarchMeanAbsZ = 0.79788456080286535588;

    /// <summary>
    /// EGARCH's |z| is smoothed below this (Huber: z²/(2δ) + δ/2 for |z| &lt; δ, see <see cref="SmoothAbs"/>).
    /// Exact |z| makes the likelihood kinked in μ at every return, and on S&amp;P 500 windows the maximum
    /// often sits within a kink's reach, where BFGS stalls; smoothed, it is differentiable. The change is
    /// at most δ/2 in |z| on the rare days with |z| &lt; δ: 4·10⁻⁵ in the S&amp;P 500 EGARCH log-likelihood.
    /// </summary>
    public const double EgarchAbsSmoothing = 1e-3;

    /// <summary>EGARCH log-variance is kept within ln(backcast) ± this, so that any parameters in
    /// the box give a finite likelihood (e^30 ≈ 10^13 times the sample variance is far past any fit).</summary>
    public const double EgarchLogVarianceRange = 30;

    /// <summary>GARCH(1,1): σ²_t = ω + α·ε²_{t−1} + β·σ²_{t−1}.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Garch(ReadOnlySpan<double> residuals, double omega, double alpha, double beta,
        double backcast, Span<double> variance)
    {
        CheckLengths(residuals, variance);
        var h = omega + (alpha + beta) * backcast;
        variance[0] = h;
        for (var t = 1; t < variance.Length; t++)
        {
            var e = residuals[t - 1];
            h = omega + alpha * e * e + beta * h;
            variance[t] = h;
        }
    }

    /// <summary>One GARCH(1,1) step: σ²_{t+1} from σ²_t and ε_t.</summary>
    public static double GarchStep(double variance, double residual, double omega, double alpha, double beta) =>
        omega + alpha * residual * residual + beta * variance;

    /// <summary>GJR-GARCH(1,1,1): σ²_t = ω + (α + γ·1[ε_{t−1} &lt; 0])·ε²_{t−1} + β·σ²_{t−1}.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GjrGarch(ReadOnlySpan<double> residuals, double omega, double alpha, double gamma, double beta,
        double backcast, Span<double> variance)
    {
        CheckLengths(residuals, variance);
        var h = omega + (alpha + 0.5 * gamma + beta) * backcast;
        variance[0] = h;
        for (var t = 1; t < variance.Length; t++)
        {
            var e = residuals[t - 1];
            h = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * h;
            variance[t] = h;
        }
    }

    /// <summary>One GJR-GARCH(1,1,1) step: σ²_{t+1} from σ²_t and ε_t.</summary>
    public static double GjrGarchStep(double variance, double residual, double omega, double alpha, double gamma, double beta) =>
        omega + (residual < 0 ? alpha + gamma : alpha) * residual * residual + beta * variance;

    /// <summary>
    /// EGARCH(1,1): ln σ²_t = ω + α·(|z_{t−1}| − E|z|) + γ·z_{t−1} + β·ln σ²_{t−1}, z = ε/σ, with
    /// E|z| = <see cref="EgarchMeanAbsZ"/>, |z| smoothed as <see cref="EgarchAbsSmoothing"/> says and ln σ²_t
    /// clamped as <see cref="EgarchLogVarianceRange"/> says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Egarch(ReadOnlySpan<double> residuals, double omega, double alpha, double gamma, double beta,
        double backcast, Span<double> variance)
    {
        CheckLengths(residuals, variance);
        var lnBackcast = Math.Log(backcast);
        var lo = lnBackcast - EgarchLogVarianceRange;
        var hi = lnBackcast + EgarchLogVarianceRange;
        var g = Math.Clamp(omega + beta * lnBackcast, lo, hi);
        variance[0] = Math.Exp(g);
        // The sequential chain is g → 1/σ = e^(−g/2) → z → g: one exponential a step; σ² = e^g is off the chain.
        var offset = omega - alpha * EgarchMeanAbsZ;
        for (var t = 1; t < variance.Length; t++)
        {
            var z = residuals[t - 1] * Exponential.Of(-0.5 * g);
            g = Math.Clamp(offset + alpha * SmoothAbs(z) + gamma * z + beta * g, lo, hi);
            variance[t] = Exponential.Of(g);
        }
    }

    /// <summary>
    /// <see cref="Egarch"/> for four parameter sets at once ([ω, α, γ, β] each, in <paramref name="parameters"/>), their T
    /// variances one after the other in <paramref name="variances"/>: the four chains are independent, so each step's
    /// exponentials overlap instead of waiting on one another. The same operations, in the same order, as
    /// <see cref="Egarch"/>: the same numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void EgarchFour(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variances)
    {
        var n = residuals.Length;
        if (parameters.Length != 16 || variances.Length != 4 * n || n == 0)
        {
            throw new ArgumentException("EGARCH for four sets: 16 parameters and 4 × T variances");
        }

        var v0 = variances[..n];
        var v1 = variances.Slice(n, n);
        var v2 = variances.Slice(2 * n, n);
        var v3 = variances.Slice(3 * n, n);
        var lnBackcast = Math.Log(backcast);
        var lo = lnBackcast - EgarchLogVarianceRange;
        var hi = lnBackcast + EgarchLogVarianceRange;
        double w0 = parameters[0], a0 = parameters[1], c0 = parameters[2], b0 = parameters[3];
        double w1 = parameters[4], a1 = parameters[5], c1 = parameters[6], b1 = parameters[7];
        double w2 = parameters[8], a2 = parameters[9], c2 = parameters[10], b2 = parameters[11];
        double w3 = parameters[12], a3 = parameters[13], c3 = parameters[14], b3 = parameters[15];
        var g0 = Math.Clamp(w0 + b0 * lnBackcast, lo, hi);
        var g1 = Math.Clamp(w1 + b1 * lnBackcast, lo, hi);
        var g2 = Math.Clamp(w2 + b2 * lnBackcast, lo, hi);
        var g3 = Math.Clamp(w3 + b3 * lnBackcast, lo, hi);
        v0[0] = Math.Exp(g0);
        v1[0] = Math.Exp(g1);
        v2[0] = Math.Exp(g2);
        v3[0] = Math.Exp(g3);
        var o0 = w0 - a0 * EgarchMeanAbsZ;
        var o1 = w1 - a1 * EgarchMeanAbsZ;
        var o2 = w2 - a2 * EgarchMeanAbsZ;
        var o3 = w3 - a3 * EgarchMeanAbsZ;
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            var z0 = e * Exponential.Of(-0.5 * g0);
            var z1 = e * Exponential.Of(-0.5 * g1);
            var z2 = e * Exponential.Of(-0.5 * g2);
            var z3 = e * Exponential.Of(-0.5 * g3);
            g0 = Math.Clamp(o0 + a0 * SmoothAbs(z0) + c0 * z0 + b0 * g0, lo, hi);
            g1 = Math.Clamp(o1 + a1 * SmoothAbs(z1) + c1 * z1 + b1 * g1, lo, hi);
            g2 = Math.Clamp(o2 + a2 * SmoothAbs(z2) + c2 * z2 + b2 * g2, lo, hi);
            g3 = Math.Clamp(o3 + a3 * SmoothAbs(z3) + c3 * z3 + b3 * g3, lo, hi);
            v0[t] = Exponential.Of(g0);
            v1[t] = Exponential.Of(g1);
            v2[t] = Exponential.Of(g2);
            v3[t] = Exponential.Of(g3);
        }
    }

    /// <summary>One EGARCH(1,1) step without the clamp (for simulation): σ²_{t+1} from σ²_t and z_t = ε_t/σ_t.</summary>
    public static double EgarchStep(double variance, double standardizedResidual, double omega, double alpha, double gamma, double beta) =>
        Math.Exp(omega + alpha * (SmoothAbs(standardizedResidual) - EgarchMeanAbsZ) + gamma * standardizedResidual
                 + beta * Math.Log(variance));

    /// <summary>|z|, smoothed within <see cref="EgarchAbsSmoothing"/> of 0 (continuously differentiable).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SmoothAbs(double z)
    {
        var a = Math.Abs(z);
        return a >= EgarchAbsSmoothing ? a : 0.5 * (z * z / EgarchAbsSmoothing + EgarchAbsSmoothing);
    }

    /// <summary>Derivative of <see cref="SmoothAbs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SmoothAbsSlope(double z) => Math.Clamp(z / EgarchAbsSmoothing, -1, 1);

    private static void CheckLengths(ReadOnlySpan<double> residuals, Span<double> variance)
    {
        if (residuals.Length == 0 || (variance.Length != residuals.Length && variance.Length != residuals.Length + 1))
        {
            throw new ArgumentException(
                $"variance must hold T or T + 1 values for T = {residuals.Length} residuals (T ≥ 1), got {variance.Length}",
                nameof(variance));
        }
    }
}
