using System.Runtime.CompilerServices;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// Second-order forward mode through the variance recursions of <see cref="VarianceRecursion"/>: alongside
/// σ²_t it carries ∂σ²_t/∂θ and ∂²σ²_t/∂θ∂θ' for θ = [μ, process parameters…], so that the log-likelihood
/// Hessian comes from one pass over the window instead of one gradient pass per parameter.
/// <para>
/// Outputs: <c>derivatives</c> (k × T, one row of T per parameter, k = 1 + process parameters) holds ∂σ²_t/∂θ, the μ entry
/// covering μ's path through the variance only (the residuals and the backcast), as in
/// <see cref="VarianceGradient"/>; <c>second</c> (k × k row-major) = Σ_t weights[t]·∂²σ²_t/∂θ∂θ'. The backcast
/// mean(ε²) has slope <c>backcastSlope</c> = −2·mean(ε) and curvature 2 in μ.
/// </para>
/// </summary>
public static class VarianceHessian
{
    /// <summary>∂²backcast/∂μ² for backcast = mean((r − μ)²).</summary>
    private const double BackcastCurvature = 2;

    /// <summary>Through <see cref="VarianceRecursion.Garch"/>: θ = [μ, ω, α, β].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Garch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double beta, double backcast, double backcastSlope, Span<double> derivatives, Span<double> second)
    {
        _ = omega;
        const int k = 4;
        var n = residuals.Length;
        CheckLengths(n, variance, weights, derivatives, second, k);

        // σ²_1 = ω + (α + β)·backcast.
        double dMu = (alpha + beta) * backcastSlope, dOmega = 1, dAlpha = backcast, dBeta = backcast;
        // The non-zero second derivatives (ω and α enter linearly and not through each other).
        double sMuMu = (alpha + beta) * BackcastCurvature, sMuAlpha = backcastSlope, sMuBeta = backcastSlope;
        double sOmegaBeta = 0, sAlphaBeta = 0, sBetaBeta = 0;
        var w = weights[0];
        double aMuMu = w * sMuMu, aMuAlpha = w * sMuAlpha, aMuBeta = w * sMuBeta, aOmegaBeta = 0, aAlphaBeta = 0, aBetaBeta = 0;
        derivatives[0] = dMu;
        derivatives[n] = dOmega;
        derivatives[2 * n] = dAlpha;
        derivatives[3 * n] = dBeta;
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            sMuMu = 2 * alpha + beta * sMuMu;
            sMuAlpha = -2 * e + beta * sMuAlpha;
            sMuBeta = dMu + beta * sMuBeta;
            sOmegaBeta = dOmega + beta * sOmegaBeta;
            sAlphaBeta = dAlpha + beta * sAlphaBeta;
            sBetaBeta = 2 * dBeta + beta * sBetaBeta;
            dMu = -2 * alpha * e + beta * dMu;
            dOmega = 1 + beta * dOmega;
            dAlpha = e * e + beta * dAlpha;
            dBeta = variance[t - 1] + beta * dBeta;
            derivatives[t] = dMu;
            derivatives[n + t] = dOmega;
            derivatives[2 * n + t] = dAlpha;
            derivatives[3 * n + t] = dBeta;
            w = weights[t];
            aMuMu += w * sMuMu;
            aMuAlpha += w * sMuAlpha;
            aMuBeta += w * sMuBeta;
            aOmegaBeta += w * sOmegaBeta;
            aAlphaBeta += w * sAlphaBeta;
            aBetaBeta += w * sBetaBeta;
        }

        second.Clear();
        Set(second, k, 0, 0, aMuMu);
        Set(second, k, 0, 2, aMuAlpha);
        Set(second, k, 0, 3, aMuBeta);
        Set(second, k, 1, 3, aOmegaBeta);
        Set(second, k, 2, 3, aAlphaBeta);
        Set(second, k, 3, 3, aBetaBeta);
    }

    /// <summary>Through <see cref="VarianceRecursion.GjrGarch"/>: θ = [μ, ω, α, γ, β] (the indicator 1[ε &lt; 0]
    /// is held fixed: its derivative is zero except where a residual is exactly zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GjrGarch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double gamma, double beta, double backcast, double backcastSlope,
        Span<double> derivatives, Span<double> second)
    {
        _ = omega;
        const int k = 5;
        var n = residuals.Length;
        CheckLengths(n, variance, weights, derivatives, second, k);

        // σ²_1 = ω + (α + γ/2 + β)·backcast.
        var persistence = alpha + 0.5 * gamma + beta;
        double dMu = persistence * backcastSlope, dOmega = 1, dAlpha = backcast, dGamma = 0.5 * backcast, dBeta = backcast;
        double sMuMu = persistence * BackcastCurvature, sMuAlpha = backcastSlope, sMuGamma = 0.5 * backcastSlope,
            sMuBeta = backcastSlope;
        double sOmegaBeta = 0, sAlphaBeta = 0, sGammaBeta = 0, sBetaBeta = 0;
        var w = weights[0];
        double aMuMu = w * sMuMu, aMuAlpha = w * sMuAlpha, aMuGamma = w * sMuGamma, aMuBeta = w * sMuBeta;
        double aOmegaBeta = 0, aAlphaBeta = 0, aGammaBeta = 0, aBetaBeta = 0;
        derivatives[0] = dMu;
        derivatives[n] = dOmega;
        derivatives[2 * n] = dAlpha;
        derivatives[3 * n] = dGamma;
        derivatives[4 * n] = dBeta;
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            var negative = e < 0;
            var coefficient = negative ? alpha + gamma : alpha;
            sMuMu = 2 * coefficient + beta * sMuMu;
            sMuAlpha = -2 * e + beta * sMuAlpha;
            sMuGamma = (negative ? -2 * e : 0) + beta * sMuGamma;
            sMuBeta = dMu + beta * sMuBeta;
            sOmegaBeta = dOmega + beta * sOmegaBeta;
            sAlphaBeta = dAlpha + beta * sAlphaBeta;
            sGammaBeta = dGamma + beta * sGammaBeta;
            sBetaBeta = 2 * dBeta + beta * sBetaBeta;
            var e2 = e * e;
            dMu = -2 * coefficient * e + beta * dMu;
            dOmega = 1 + beta * dOmega;
            dAlpha = e2 + beta * dAlpha;
            dGamma = (negative ? e2 : 0) + beta * dGamma;
            dBeta = variance[t - 1] + beta * dBeta;
            derivatives[t] = dMu;
            derivatives[n + t] = dOmega;
            derivatives[2 * n + t] = dAlpha;
            derivatives[3 * n + t] = dGamma;
            derivatives[4 * n + t] = dBeta;
            w = weights[t];
            aMuMu += w * sMuMu;
            aMuAlpha += w * sMuAlpha;
            aMuGamma += w * sMuGamma;
            aMuBeta += w * sMuBeta;
            aOmegaBeta += w * sOmegaBeta;
            aAlphaBeta += w * sAlphaBeta;
            aGammaBeta += w * sGammaBeta;
            aBetaBeta += w * sBetaBeta;
        }

        second.Clear();
        Set(second, k, 0, 0, aMuMu);
        Set(second, k, 0, 2, aMuAlpha);
        Set(second, k, 0, 3, aMuGamma);
        Set(second, k, 0, 4, aMuBeta);
        Set(second, k, 1, 4, aOmegaBeta);
        Set(second, k, 2, 4, aAlphaBeta);
        Set(second, k, 3, 4, aGammaBeta);
        Set(second, k, 4, 4, aBetaBeta);
    }

    /// <summary>
    /// Through <see cref="VarianceRecursion.Egarch"/>: θ = [μ, ω, α, γ, β]. Carries g_t = ln σ²_t with its first and
    /// second derivatives, z = ε·e^(−g/2) with ∂z/∂θ_a = −δ_aμ/σ − ½z·∂g_a and
    /// ∂²z/∂θ_a∂θ_b = ½(δ_aμ·∂g_b + δ_bμ·∂g_a)/σ + ¼z·∂g_a·∂g_b − ½z·∂²g_ab; then ∂σ² = σ²·∂g and
    /// ∂²σ² = σ²·(∂²g + ∂g·∂g'). A clamped step has zero derivatives, as in <see cref="VarianceGradient.Egarch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Egarch(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        double omega, double alpha, double gamma, double beta, double backcast, double backcastSlope,
        Span<double> derivatives, Span<double> second)
    {
        const int k = 5;
        var n = residuals.Length;
        CheckLengths(n, variance, weights, derivatives, second, k);
        var lnBackcast = Math.Log(backcast);
        var lo = lnBackcast - VarianceRecursion.EgarchLogVarianceRange;
        var hi = lnBackcast + VarianceRecursion.EgarchLogVarianceRange;
        const double meanAbs = VarianceRecursion.EgarchMeanAbsZ;

        // First (d) and second (s) derivatives of g = ln σ² in [μ, ω, α, γ, β], and the sums Σ w·σ²·(s + d·d').
        double dMu = 0, dOm = 0, dAl = 0, dGa = 0, dBe = 0;
        double sMuMu = 0, sMuOm = 0, sMuAl = 0, sMuGa = 0, sMuBe = 0, sOmOm = 0, sOmAl = 0, sOmGa = 0, sOmBe = 0;
        double sAlAl = 0, sAlGa = 0, sAlBe = 0, sGaGa = 0, sGaBe = 0, sBeBe = 0;
        double aMuMu = 0, aMuOm = 0, aMuAl = 0, aMuGa = 0, aMuBe = 0, aOmOm = 0, aOmAl = 0, aOmGa = 0, aOmBe = 0;
        double aAlAl = 0, aAlGa = 0, aAlBe = 0, aGaGa = 0, aGaBe = 0, aBeBe = 0;

        var raw = omega + beta * lnBackcast;
        var g = Math.Clamp(raw, lo, hi);
        if (raw == g)
        {
            dMu = beta * backcastSlope / backcast;
            dOm = 1;
            dBe = lnBackcast;
            sMuMu = beta * (BackcastCurvature / backcast - backcastSlope * backcastSlope / (backcast * backcast));
            sMuBe = backcastSlope / backcast;
        }

        for (var t = 0; t < n; t++)
        {
            if (t > 0)
            {
                var invSigma = 1 / Math.Sqrt(variance[t - 1]);
                var z = residuals[t - 1] * invSigma;
                var absZ = VarianceRecursion.SmoothAbs(z);
                raw = omega + alpha * (absZ - meanAbs) + gamma * z + beta * g;
                var gNext = Math.Clamp(raw, lo, hi);
                if (raw == gNext)
                {
                    var slope1 = VarianceRecursion.SmoothAbsSlope(z);
                    var c2 = Math.Abs(z) < VarianceRecursion.EgarchAbsSmoothing ? alpha / VarianceRecursion.EgarchAbsSmoothing : 0;
                    var slope = alpha * slope1 + gamma;
                    var zh = 0.5 * z;

                    // ∂z/∂θ (last step's d).
                    var zMu = -invSigma - zh * dMu;
                    var zOm = -zh * dOm;
                    var zAl = -zh * dAl;
                    var zGa = -zh * dGa;
                    var zBe = -zh * dBe;

                    // s_ab ← slope·∂²z_ab + α|z|''·∂z_a·∂z_b + β·s_ab + the derivatives of the direct terms, gathered as
                    // carry·s_ab + K·d_a·d_b + M·(δ_aμ·d_b + δ_bμ·d_a) + c2·δ_aμ·δ_bμ/σ² + direct terms.
                    var carry = beta - slope * zh;
                    var kk = slope * 0.25 * z + c2 * zh * zh;
                    var mm = (0.5 * slope + c2 * zh) * invSigma;
                    sMuMu = carry * sMuMu + kk * dMu * dMu + 2 * mm * dMu + c2 * invSigma * invSigma;
                    sMuOm = carry * sMuOm + kk * dMu * dOm + mm * dOm;
                    sMuAl = carry * sMuAl + kk * dMu * dAl + mm * dAl + slope1 * zMu;
                    sMuGa = carry * sMuGa + kk * dMu * dGa + mm * dGa + zMu;
                    sMuBe = carry * sMuBe + kk * dMu * dBe + mm * dBe + dMu;
                    sOmOm = carry * sOmOm + kk * dOm * dOm;
                    sOmAl = carry * sOmAl + kk * dOm * dAl + slope1 * zOm;
                    sOmGa = carry * sOmGa + kk * dOm * dGa + zOm;
                    sOmBe = carry * sOmBe + kk * dOm * dBe + dOm;
                    sAlAl = carry * sAlAl + kk * dAl * dAl + 2 * slope1 * zAl;
                    sAlGa = carry * sAlGa + kk * dAl * dGa + slope1 * zGa + zAl;
                    sAlBe = carry * sAlBe + kk * dAl * dBe + slope1 * zBe + dAl;
                    sGaGa = carry * sGaGa + kk * dGa * dGa + 2 * zGa;
                    sGaBe = carry * sGaBe + kk * dGa * dBe + zBe + dGa;
                    sBeBe = carry * sBeBe + kk * dBe * dBe + 2 * dBe;

                    dMu = slope * zMu + beta * dMu;
                    dOm = 1 + slope * zOm + beta * dOm;
                    dAl = absZ - meanAbs + slope * zAl + beta * dAl;
                    dGa = z + slope * zGa + beta * dGa;
                    dBe = g + slope * zBe + beta * dBe;
                }
                else
                {
                    dMu = dOm = dAl = dGa = dBe = 0;
                    sMuMu = sMuOm = sMuAl = sMuGa = sMuBe = sOmOm = sOmAl = sOmGa = sOmBe = 0;
                    sAlAl = sAlGa = sAlBe = sGaGa = sGaBe = sBeBe = 0;
                }

                g = gNext;
            }

            var h = variance[t];
            var wh = weights[t] * h;
            aMuMu += wh * (sMuMu + dMu * dMu);
            aMuOm += wh * (sMuOm + dMu * dOm);
            aMuAl += wh * (sMuAl + dMu * dAl);
            aMuGa += wh * (sMuGa + dMu * dGa);
            aMuBe += wh * (sMuBe + dMu * dBe);
            aOmOm += wh * (sOmOm + dOm * dOm);
            aOmAl += wh * (sOmAl + dOm * dAl);
            aOmGa += wh * (sOmGa + dOm * dGa);
            aOmBe += wh * (sOmBe + dOm * dBe);
            aAlAl += wh * (sAlAl + dAl * dAl);
            aAlGa += wh * (sAlGa + dAl * dGa);
            aAlBe += wh * (sAlBe + dAl * dBe);
            aGaGa += wh * (sGaGa + dGa * dGa);
            aGaBe += wh * (sGaBe + dGa * dBe);
            aBeBe += wh * (sBeBe + dBe * dBe);
            derivatives[t] = h * dMu;
            derivatives[n + t] = h * dOm;
            derivatives[2 * n + t] = h * dAl;
            derivatives[3 * n + t] = h * dGa;
            derivatives[4 * n + t] = h * dBe;
        }

        Set(second, k, 0, 0, aMuMu);
        Set(second, k, 0, 1, aMuOm);
        Set(second, k, 0, 2, aMuAl);
        Set(second, k, 0, 3, aMuGa);
        Set(second, k, 0, 4, aMuBe);
        Set(second, k, 1, 1, aOmOm);
        Set(second, k, 1, 2, aOmAl);
        Set(second, k, 1, 3, aOmGa);
        Set(second, k, 1, 4, aOmBe);
        Set(second, k, 2, 2, aAlAl);
        Set(second, k, 2, 3, aAlGa);
        Set(second, k, 2, 4, aAlBe);
        Set(second, k, 3, 3, aGaGa);
        Set(second, k, 3, 4, aGaBe);
        Set(second, k, 4, 4, aBeBe);
    }

    private static void Set(Span<double> matrix, int k, int a, int b, double value)
    {
        matrix[a * k + b] = value;
        matrix[b * k + a] = value;
    }

    private static void CheckLengths(int n, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        Span<double> derivatives, Span<double> second, int k)
    {
        if (n == 0 || variance.Length < n || weights.Length < n || derivatives.Length < n * k || second.Length != k * k)
        {
            throw new ArgumentException($"need T ≥ 1 residuals, T variances and weights, {k} × T derivative slots and {k} × {k} second slots");
        }
    }
}
