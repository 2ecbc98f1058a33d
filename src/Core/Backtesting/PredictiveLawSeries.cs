using RiskGrid.Core.Models;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The forecast records' predictive laws (<see cref="PredictiveLaw"/>, one per observation) as the ES tests' Monte Carlo
/// reads them. The library quantiles of the t-family laws take 5–25 µs each (a root search), too slow for 999 draws per
/// exception day, so each day's tail beyond probability <c>tail</c> (the data's 1 − α) is tabulated once, on first use,
/// and interpolated; draws from the whole law use direct samplers (<see cref="Draw"/>).
/// </summary>
/// <remarks>
/// <para><b>Tail table.</b> On s = ln(tail/p) ∈ [0, S] (p from <c>tail</c> down to <see cref="SmallestP"/>) with
/// step <see cref="Step"/>, the law's loss quantile y(s) and its slope dy/ds = p/f_L(y) (f_L the loss density) at the
/// nodes, and the cubic Hermite interpolant between them: against the exact quantiles from the tail down to p = 10⁻¹¹,
/// relative errors of at most 1.1·10⁻⁵ for a t with ν = 2.1 and 6·10⁻⁶ for the normal, t, skewed t and GED laws with
/// lighter tails (PredictiveLawSeriesTests). Beyond S (p below 10⁻¹², one draw in 10¹⁰) the quantile is held at its
/// value there. About 50 quantiles per exception day, once.</para>
/// <para><b>Forecast map.</b> Where the laws name their volatility process and its parameters θ_t
/// (<see cref="PredictiveLaw.Process"/>), <see cref="DrawPath"/> recomputes each day's scale from the replicate's earlier
/// draws, in the deviation form on the log variance,
/// <c>ln σ*²_t = ln σ²_t + ln g_θt(σ*²_{t−1}, z*_{t−1}) − ln g_θt(σ²_{t−1}, z_{t−1})</c>, i.e.
/// σ*²_t = σ²_t · g_θt(σ*²_{t−1}, z*_{t−1}) / g_θt(σ²_{t−1}, z_{t−1}), with g the process's one-step recursion
/// (<see cref="PredictiveLaw.NextVariance"/>), σ_t the recorded scales, z_{t−1} = (r_{t−1} − μ_{t−1})/σ_{t−1} the realised
/// standardised residual and z*_{t−1} the replicate's. Fed the realised returns it returns the recorded scales exactly
/// (the ratio is x/x = 1), and for fixed parameters whose recorded scales follow the recursion (σ²_t = g(σ²_{t−1}, z_{t−1}))
/// it is the plain recursion σ*²_t = g(σ*²_{t−1}, z*_{t−1}) of the replicate, i.e. the model's forecasts recomputed from
/// the replicate's returns. Plain propagation with θ_t, σ*²_t = g_θt(σ*²_{t−1}, z*_{t−1}), would do the same for fixed θ
/// but not reproduce the record where the forecasts are not one step of the recursion from the day before: after a refit
/// (σ_t is then the whole window filtered through the new θ_t, not one θ_t step from the old fit's σ_{t−1}) and where a
/// rolling window's backcast moves; the deviation form keeps the recorded σ_t and moves it only by what the replicate's
/// returns change. On the log variance rather than the variance because that stays positive whatever a refit does (an
/// additive deviation on σ² can go negative when a refit lowers σ_t below the change), is free of the scale, and is
/// EGARCH's own state (ln σ² linear in ln σ²_{t−1}: there the two forms agree); for GARCH and GJR, whose recursion is
/// linear in σ², the two differ only at refits, by second-order terms in the parameters' change. A day whose law has no
/// process starts the chain afresh (its recorded scale, ratio 1; <see cref="Backtester"/> so marks the day after a missing
/// forecast, whose day before is not in the series); the first day always does. The parameters are held as recorded, not re-estimated on the replicate (that would be a refit per
/// replicate and day).</para>
/// <para>Everything is a fixed function of the laws and the probability, so the Core engine and the grid, which both
/// build this from the same records, draw the same numbers.</para>
/// </remarks>
public sealed class PredictiveLawSeries : ForecastLaws
{
    /// <summary>The table's step in s = ln(tail/p).</summary>
    public const double Step = 0.5;

    /// <summary>The smallest tail probability tabulated.</summary>
    public const double SmallestP = 1e-12;

    private readonly PredictiveLaw[] _laws;
    private readonly double _tail;
    private readonly int _nodes;
    private readonly double[]?[] _tables;
    private readonly double[]?[] _constants;

    /// <param name="laws">The laws, indexed like the observations.</param>
    /// <param name="tail">The tail probability below which quantiles are tabulated (the data's 1 − α).</param>
    public PredictiveLawSeries(IReadOnlyList<PredictiveLaw> laws, double tail)
    {
        ArgumentNullException.ThrowIfNull(laws);
        if (!(tail > SmallestP && tail < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, $"a tail probability in ({SmallestP}, 1)");
        }

        _laws = [.. laws];
        _tail = tail;
        _nodes = (int)Math.Ceiling(Math.Log(tail / SmallestP) / Step) + 1;
        _tables = new double[]?[_laws.Length];
        _constants = new double[]?[_laws.Length];
        HasForecastMap = Array.Exists(_laws, law => law.HasProcess);
    }

    /// <summary>True when some law names its volatility process (<see cref="PredictiveLaw.Process"/>).</summary>
    public override bool HasForecastMap { get; }

    /// <summary>
    /// One replicate path through the forecast map (see the remarks): day by day, the scale ratio ρ_t = σ*_t/σ_t from the
    /// day before's recorded and replicate residuals, then Z_t by <see cref="Draw"/>'s sampler and
    /// L*_t = −μ_t − (σ_t·ρ_t)·Z_t. Without a map every ρ_t is 1 and the draws are <see cref="Draw"/>'s, bit for bit.
    /// </summary>
    public override void DrawPath(Random random, ReadOnlySpan<double> realised, Span<double> losses, Span<double> scales)
    {
        ArgumentNullException.ThrowIfNull(random);
        var previous = 0.0;
        for (var t = 0; t < losses.Length; t++)
        {
            scales[t] = t == 0 ? 1 : Ratio(t, realised[t - 1], previous, scales[t - 1]);
            var law = _laws[t];
            previous = Innovation(t, random);
            losses[t] = -law.Location - law.Scale * scales[t] * previous;
        }
    }

    /// <summary>
    /// The map's scale ratios ρ_t = σ*_t/σ_t of a given path of <paramref name="losses"/> (the replicate's z*_{t−1} read
    /// back from its loss): <see cref="DrawPath"/>'s ratios for the losses it drew, up to the rounding of z* so read; all 1
    /// for the realised losses.
    /// </summary>
    public void Scales(ReadOnlySpan<double> realised, ReadOnlySpan<double> losses, Span<double> scales)
    {
        for (var t = 0; t < losses.Length; t++)
        {
            scales[t] = t == 0 ? 1
                : Ratio(t, realised[t - 1], (-losses[t - 1] - _laws[t - 1].Location) / (_laws[t - 1].Scale * scales[t - 1]), scales[t - 1]);
        }
    }

    /// <summary>forecast + (ρ − 1)(forecast + μ_t): the loss quantile of day t's law at scale ρ·σ_t.</summary>
    public override double Rescale(int t, double forecast, double scale) => forecast + (scale - 1) * (forecast + _laws[t].Location);

    // ρ_t from day t − 1's realised loss, the replicate's z*_{t−1} and ρ_{t−1}: √(g_θt(ρ²σ², z*)/g_θt(σ², z)) with day t's
    // process and θ_t and day t − 1's μ and σ; 1 where day t has no process.
    private double Ratio(int t, double realisedLoss, double replicateResidual, double previousScale)
    {
        var (law, before) = (_laws[t], _laws[t - 1]);
        if (!law.HasProcess)
        {
            return 1;
        }

        var sigma = before.Scale;
        var recorded = law.NextVariance(sigma * sigma, (-realisedLoss - before.Location) / sigma);
        var replicateSigma = sigma * previousScale;
        var replicate = law.NextVariance(replicateSigma * replicateSigma, replicateResidual);
        return Math.Sqrt(replicate / recorded);
    }

    /// <summary>Day <paramref name="t"/>'s loss exceeded with probability <paramref name="p"/>: from the day's table for
    /// p ≤ tail, else <see cref="PredictiveLaw.LossQuantile"/>.</summary>
    public override double TailQuantile(int t, double p)
    {
        if (!(p <= _tail))
        {
            return _laws[t].LossQuantile(p);
        }

        var table = Volatile.Read(ref _tables[t]) ?? Tabulate(t);
        var s = Math.Log(_tail / p) / Step;
        if (!(s < _nodes - 1))
        {
            return table[2 * (_nodes - 1)];
        }

        var j = (int)s;
        var u = s - j;
        var (y0, d0, y1, d1) = (table[2 * j], table[2 * j + 1] * Step, table[2 * j + 2], table[2 * j + 3] * Step);
        var u2 = u * u;
        var u3 = u2 * u;
        return (2 * u3 - 3 * u2 + 1) * y0 + (u3 - 2 * u2 + u) * d0 + (-2 * u3 + 3 * u2) * y1 + (u3 - u2) * d1;
    }

    /// <summary>
    /// One draw from day <paramref name="t"/>'s whole law, L = −μ − σ·Z: Z by a direct sampler of its family — normal by
    /// Marsaglia's polar method; unit-variance t as N·√((ν − 2)/(2G)), G ~ Gamma(ν/2) (Marsaglia–Tsang); Hansen's skewed t
    /// as its two halves, (y − a)/b with y = −(1 − λ)|T| with probability (1 − λ)/2, else (1 + λ)|T|, T that t; GED as
    /// ±λ_ν (2G)^{1/ν}, G ~ Gamma(1/ν) — some 20–60 ns a draw instead of the library samplers' 0.2–1.5 µs (the skewed t's
    /// samples by inverting its CDF); any other innovation by its own sampler.
    /// </summary>
    public override double Draw(int t, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var law = _laws[t];
        return -law.Location - law.Scale * Innovation(t, random);
    }

    // Day t's innovation Z by the direct sampler of its family, or the innovation's own.
    private double Innovation(int t, Random random)
    {
        var law = _laws[t];
        return law.Distribution switch
        {
            PredictiveLaw.NormalKey => Sampling.Normal(random),
            PredictiveLaw.StudentTKey => Sampling.UnitStudentT(random, law.Shape[0]),
            "skewt" => SkewT(t, random),
            "ged" => Ged(t, random),
            _ => law.DrawInnovation(random),
        };
    }

    private double SkewT(int t, Random random)
    {
        var (eta, lambda) = (_laws[t].Shape[0], _laws[t].Shape[1]);
        var constants = Volatile.Read(ref _constants[t]) ?? Constants(t, () =>
        {
            var (a, b, _) = Distributions.HansenSkewT.Constants(eta, lambda);
            return [a, b];
        });
        var w = Math.Abs(Sampling.UnitStudentT(random, eta));
        var y = random.NextDouble() < 0.5 * (1 - lambda) ? -(1 - lambda) * w : (1 + lambda) * w;
        return (y - constants[0]) / constants[1];
    }

    private double Ged(int t, Random random)
    {
        var nu = _laws[t].Shape[0];
        var constants = Volatile.Read(ref _constants[t]) ?? Constants(t, () => [Distributions.GeneralizedError.Scale(nu)]);
        var magnitude = constants[0] * Math.Pow(2 * Sampling.Gamma(random, 1 / nu), 1 / nu);
        return random.NextDouble() < 0.5 ? -magnitude : magnitude;
    }

    private double[] Constants(int t, Func<double[]> make)
    {
        var constants = make();
        Volatile.Write(ref _constants[t], constants);
        return constants;
    }

    // Node j: the quantile at p_j = tail·e^{−j·Step} and its slope in s, interleaved. Two threads may both build a day's
    // table; they build the same one.
    private double[] Tabulate(int t)
    {
        var law = _laws[t];
        var table = new double[2 * _nodes];
        for (var j = 0; j < _nodes; j++)
        {
            var p = _tail * Math.Exp(-j * Step);
            var y = law.LossQuantile(p);
            table[2 * j] = y;
            table[2 * j + 1] = p / law.LossDensity(y);
        }

        Volatile.Write(ref _tables[t], table);
        return table;
    }
}
