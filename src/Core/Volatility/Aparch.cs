using MathNet.Numerics;

namespace RiskGrid.Core.Volatility;

/// <summary>
/// APARCH(1,1) (Ding, Granger and Engle 1993; fGarch's <c>aparch(1,1)</c>, arch's APARCH):
/// σ^δ_t = ω + α·(|ε_{t−1}| − γ·ε_{t−1})^δ + β·σ^δ_{t−1}, with ω &gt; 0, α, β ≥ 0, |γ| &lt; 1 and the power δ &gt; 0
/// estimated, or fixed (δ = 2 is GJR in fGarch's form, δ = 1 Zakoian's TGARCH/AVGARCH).
/// Start-up, as fGarch's <c>init.rec = "mci"</c>: σ^δ_1 = ω + (α·κ + β)·b^(δ/2) with b = mean(ε²) and
/// κ = E(|z| − γz)^δ under the normal, κ = E|z|^δ·((1 − γ)^δ + (1 + γ)^δ)/2, E|z|^δ = 2^(δ/2)Γ((δ+1)/2)/√π.
/// Working coordinates [ln(ω/s^δ), α, γ, β, δ], s² the sample variance, so that ω's scale follows δ.
/// </summary>
public sealed class Aparch : VolatilityProcess
{
    public const double MinDelta = 0.2;

    public const double MaxDelta = 4;

    public const double MaxAbsGamma = 1 - 1e-6;

    // ω at most this share of s^δ lies on its lower bound (Garch.MinOmegaShare) as far as the mode probe is concerned.
    private const double OmegaFloorShare = 2 * Garch.MinOmegaShare;

    private readonly double? _fixedDelta;

    /// <summary>APARCH with δ estimated (<paramref name="fixedDelta"/> null) or held at <paramref name="fixedDelta"/>.</summary>
    public Aparch(double? fixedDelta = null)
    {
        if (fixedDelta is { } d && !(d >= MinDelta && d <= MaxDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(fixedDelta), d, $"delta must lie in [{MinDelta}, {MaxDelta}]");
        }

        _fixedDelta = fixedDelta;
        ParameterNames = fixedDelta is null ? ["omega", "alpha", "gamma", "beta", "delta"] : ["omega", "alpha", "gamma", "beta"];
        WorkingLower = fixedDelta is null
            ? [Math.Log(Garch.MinOmegaShare), 0, -MaxAbsGamma, 0, MinDelta]
            : [Math.Log(Garch.MinOmegaShare), 0, -MaxAbsGamma, 0];
        WorkingUpper = fixedDelta is null
            ? [Math.Log(Garch.MaxOmegaShare), 1, MaxAbsGamma, Garch.MaxPersistence, MaxDelta]
            : [Math.Log(Garch.MaxOmegaShare), 1, MaxAbsGamma, Garch.MaxPersistence];
    }

    // α on 0, as EGARCH's: the size effect put to zero (a second maximum not seen, but not ruled out either).
    public override IReadOnlyList<int> BimodalLowerBounds { get; } = [1];

    /// <summary>δ &lt; 1: (|ε| − γε)^δ has an unbounded slope at ε = 0, a cusp in μ at every return.</summary>
    public override bool HasMeanCusps(ReadOnlySpan<double> parameters) => Delta(parameters) < 1;

    /// <summary>δ estimated: a second maximum on the other side of δ = 1 can overtake. Where the fit has δ ≥ 1, one with
    /// δ &lt; 1 (S&amp;P 500 window 1,057: δ ≈ 0.29 better by 0.97 than δ ≈ 2.4), probed from δ = 0.5; where it has δ &lt; 1,
    /// one with δ ≥ 1 (NASDAQ window 1,051: δ on its bound 4 better by 4.58 than δ on its bound 0.2; window 555: δ ≈ 2.2,
    /// 1.07), probed from δ = 2.</summary>
    public override (int Index, double Value)? ModeProbe(ReadOnlySpan<double> parameters) =>
        !EstimatesDelta ? null : parameters[4] >= 1 ? (4, 0.5) : (4, 2);

    /// <summary>δ estimated and below 1, where the probe from δ = 2 falls back below 1: a second from δ on its upper bound 4
    /// (NASDAQ aparch-n window 939: δ ≈ 0.68, from δ = 2 or 3 back there, from 4 to the maximum with δ on that bound, 0.36
    /// better).</summary>
    public override double? FartherModeProbe(ReadOnlySpan<double> parameters) =>
        EstimatesDelta && parameters[4] < 1 ? MaxDelta : null;

    /// <summary>
    /// The probe's start, with ω re-set where it lies on its lower bound: there the fit is a process with no intercept and
    /// persistence ≈ 1 (ω's share of s^δ is 10⁻⁷), and with only δ moved the probe goes back to the answer's mode (NASDAQ
    /// window 713, aparch-n: from δ = 0.5 back to δ ≈ 1.6, while the maximum with δ = 0.2 is 1.52 better; 571, aparch-t: δ ≈ 3.1
    /// against 0.2, 0.77). ω then takes the share of s^δ the starting grid gives it at the probe's δ (see
    /// <see cref="TargetOmega"/>), from which the probe reaches that maximum.
    /// </summary>
    public override void ModeProbeStart(ReadOnlySpan<double> parameters, double value, DataScale scale, Span<double> start)
    {
        base.ModeProbeStart(parameters, value, scale, start);
        var (omega, _, _, _, delta) = Unpack(parameters);
        if (EstimatesDelta && omega <= OmegaFloorShare * Math.Pow(scale.Variance, 0.5 * delta))
        {
            start[0] = TargetOmega(start[1], start[2], start[3], Delta(start), scale);
        }
    }

    /// <summary>The fixed power, or null when δ is estimated.</summary>
    public double? FixedDelta => _fixedDelta;

    public override string Name => _fixedDelta is { } d ? $"APARCH(1,1) delta={d:0.###}" : "APARCH(1,1)";

    /// <summary>APARCH: a power per observation.</summary>
    public override double RelativeCost => 5;

    public override IReadOnlyList<string> ParameterNames { get; }

    public override IReadOnlyList<double> WorkingLower { get; }

    public override IReadOnlyList<double> WorkingUpper { get; }

    private bool EstimatesDelta => _fixedDelta is null;

    /// <summary>E(|z| − γz)^δ for a standard normal z.</summary>
    public static double NormalKappa(double gamma, double delta) =>
        NormalAbsoluteMoment(delta) * 0.5 * (Math.Pow(1 - gamma, delta) + Math.Pow(1 + gamma, delta));

    /// <summary>E|z|^δ = 2^(δ/2)·Γ((δ+1)/2)/√π for a standard normal z.</summary>
    public static double NormalAbsoluteMoment(double delta) =>
        Math.Exp(0.5 * delta * Math.Log(2) + SpecialFunctions.GammaLn(0.5 * (delta + 1)) - 0.5 * Math.Log(Math.PI));

    public override void ToWorking(ReadOnlySpan<double> natural, DataScale scale, Span<double> working)
    {
        var delta = Delta(natural);
        working[0] = Math.Log(natural[0]) - 0.5 * delta * Math.Log(scale.Variance);
        working[1] = natural[1];
        working[2] = natural[2];
        working[3] = natural[3];
        if (EstimatesDelta)
        {
            working[4] = natural[4];
        }
    }

    public override void ToNatural(ReadOnlySpan<double> working, DataScale scale, Span<double> natural, Span<double> jacobian)
    {
        var k = ParameterCount;
        var delta = EstimatesDelta ? working[4] : _fixedDelta!.Value;
        var logS = 0.5 * Math.Log(scale.Variance);
        var omega = Math.Exp(working[0] + delta * logS);
        natural[0] = omega;
        natural[1] = working[1];
        natural[2] = working[2];
        natural[3] = working[3];
        jacobian[..(k * k)].Clear();
        jacobian[0] = omega;
        for (var i = 1; i < k; i++)
        {
            jacobian[i * k + i] = 1;
        }

        if (EstimatesDelta)
        {
            natural[4] = delta;
            jacobian[4] = omega * logS;
        }
    }

    public override string DescribeBound(int index, bool upper) => (index, upper) switch
    {
        (0, false) => $"omega at its lower bound ({Garch.MinOmegaShare:g} × s^delta)",
        (0, true) => $"omega at its upper bound ({Garch.MaxOmegaShare:g} × s^delta)",
        (1, false) => "alpha = 0",
        (1, true) => "alpha at its upper bound 1",
        (2, _) => $"gamma at {(upper ? "" : "-")}{MaxAbsGamma}",
        (3, false) => "beta = 0",
        (3, true) => $"beta at {Garch.MaxPersistence}",
        _ => $"delta at its {(upper ? "upper" : "lower")} bound {(upper ? MaxDelta : MinDelta)}",
    };

    public override void Variance(ReadOnlySpan<double> residuals, ReadOnlySpan<double> parameters, double backcast,
        Span<double> variance)
    {
        var (omega, alpha, gamma, beta, delta) = Unpack(parameters);
        var n = variance.Length;
        if (n == 0)
        {
            return;
        }

        var power = 2 / delta;
        var h = omega + (alpha * NormalKappa(gamma, delta) + beta) * Math.Pow(backcast, 0.5 * delta);
        variance[0] = Math.Pow(h, power);
        for (var t = 1; t < n; t++)
        {
            var e = residuals[t - 1];
            var m = Math.Abs(e) - gamma * e;
            h = omega + alpha * Math.Pow(m, delta) + beta * h;
            variance[t] = Math.Pow(h, power);
        }
    }

    public override void Gradient(ReadOnlySpan<double> residuals, ReadOnlySpan<double> variance, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> parameters, double backcast, double backcastSlope, Span<double> gradient)
    {
        var (omega, alpha, gamma, beta, delta) = Unpack(parameters);
        var n = residuals.Length;
        var k = ParameterCount;
        if (n == 0 || variance.Length < n || weights.Length < n || gradient.Length != 1 + k)
        {
            throw new ArgumentException($"need T ≥ 1 residuals, T variances and weights, and {1 + k} gradient slots");
        }

        // Start-up: h_1 = ω + (ακ + β)·b^(δ/2).
        var moment = NormalAbsoluteMoment(delta);
        var (lo, hi) = (1 - gamma, 1 + gamma);
        var (loD, hiD) = (Math.Pow(lo, delta), Math.Pow(hi, delta));
        var kappa = moment * 0.5 * (loD + hiD);
        var kappaGamma = moment * 0.5 * delta * (hiD / hi - loD / lo);
        var logMomentSlope = 0.5 * Math.Log(2) + 0.5 * SpecialFunctions.DiGamma(0.5 * (delta + 1));
        var kappaDelta = kappa * logMomentSlope + moment * 0.5 * (loD * Math.Log(lo) + hiD * Math.Log(hi));
        var b = Math.Pow(backcast, 0.5 * delta);
        var persistence = alpha * kappa + beta;
        var h = omega + persistence * b;

        double dMu = persistence * 0.5 * delta * b / backcast * backcastSlope;
        double dOmega = 1, dAlpha = kappa * b, dGamma = alpha * b * kappaGamma, dBeta = b;
        double dDelta = alpha * b * kappaDelta + persistence * b * 0.5 * Math.Log(backcast);
        double gMu = 0, gOmega = 0, gAlpha = 0, gGamma = 0, gBeta = 0, gDelta = 0;
        for (var t = 0; t < n; t++)
        {
            if (t > 0)
            {
                var e = residuals[t - 1];
                var m = Math.Abs(e) - gamma * e;
                double mD = 0, mD1 = 0, logM = 0;
                if (m > 0)
                {
                    logM = Math.Log(m);
                    mD = Math.Exp(delta * logM);
                    mD1 = mD / m;
                }

                var previous = h;
                h = omega + alpha * mD + beta * previous;
                dMu = -alpha * delta * mD1 * (Math.Sign(e) - gamma) + beta * dMu;
                dOmega = 1 + beta * dOmega;
                dAlpha = mD + beta * dAlpha;
                dGamma = -alpha * delta * mD1 * e + beta * dGamma;
                dBeta = previous + beta * dBeta;
                dDelta = alpha * mD * logM + beta * dDelta;
            }

            // σ² = h^(2/δ): ∂σ²/∂h = (2/δ)·σ²/h, and at fixed h ∂σ²/∂δ = −(2/δ²)·σ²·ln h.
            var w = weights[t];
            var chain = w * 2 / delta * variance[t] / h;
            gMu += chain * dMu;
            gOmega += chain * dOmega;
            gAlpha += chain * dAlpha;
            gGamma += chain * dGamma;
            gBeta += chain * dBeta;
            gDelta += chain * dDelta - w * 2 / (delta * delta) * variance[t] * Math.Log(h);
        }

        gradient[0] = gMu;
        gradient[1] = gOmega;
        gradient[2] = gAlpha;
        gradient[3] = gGamma;
        gradient[4] = gBeta;
        if (EstimatesDelta)
        {
            gradient[5] = gDelta;
        }
    }

    public override double NextVariance(double variance, double standardizedResidual, ReadOnlySpan<double> parameters)
    {
        var (omega, alpha, gamma, beta, delta) = Unpack(parameters);
        var e = Math.Sqrt(variance) * standardizedResidual;
        var m = Math.Abs(e) - gamma * e;
        var h = omega + alpha * Math.Pow(m, delta) + beta * Math.Pow(variance, 0.5 * delta);
        return Math.Pow(h, 2 / delta);
    }

    public override double StartingVariance(ReadOnlySpan<double> parameters)
    {
        var (omega, alpha, gamma, beta, delta) = Unpack(parameters);
        var level = omega / Math.Max(1 - alpha * NormalKappa(gamma, delta) - beta, 1e-3);
        return Math.Pow(level, 2 / delta);
    }

    public override IEnumerable<double[]> StartingGrid(DataScale scale)
    {
        double[] deltas = EstimatesDelta ? [1.2, 2] : [_fixedDelta!.Value];
        foreach (var delta in deltas)
        {
            foreach (var beta in (double[])[0.88, 0.95])
            {
                foreach (var alpha in (double[])[0.05, 0.1])
                {
                    foreach (var gamma in (double[])[0, 0.5])
                    {
                        var omega = TargetOmega(alpha, gamma, beta, delta, scale);
                        yield return EstimatesDelta ? [omega, alpha, gamma, beta, delta] : [omega, alpha, gamma, beta];
                    }
                }
            }
        }
    }

    /// <summary>The starting grid's ω: the share of s^δ that puts the process's long-run level σ^δ at s^δ (at least 1%).</summary>
    private static double TargetOmega(double alpha, double gamma, double beta, double delta, DataScale scale) =>
        Math.Max(1 - beta - alpha * NormalKappa(gamma, delta), 0.01) * Math.Pow(scale.Variance, 0.5 * delta);

    private double Delta(ReadOnlySpan<double> parameters) => EstimatesDelta ? parameters[4] : _fixedDelta!.Value;

    private (double Omega, double Alpha, double Gamma, double Beta, double Delta) Unpack(ReadOnlySpan<double> p) =>
        (p[0], p[1], p[2], p[3], Delta(p));
}
