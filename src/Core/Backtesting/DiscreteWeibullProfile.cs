using MathNet.Numerics;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Log-likelihood of durations under the discrete Weibull of Nakagawa–Osaki, P(D &gt; d) =
/// exp(−θ d^b) for whole days d (Haas 2005), with θ profiled out. An uncensored duration d has
/// probability exp(−θ(d−1)^b) − exp(−θ d^b); a censored spell known to have had q exception-free
/// days contributes P(D &gt; q) = exp(−θ q^b). For b = 1 this is exactly the geometric law of
/// independent exceptions with rate 1 − e^(−θ).
/// </summary>
internal sealed class DiscreteWeibullProfile
{
    private const int ShapeGrid = 24;

    // Distinct uncensored durations with their multiplicities (durations repeat: they are whole
    // days), and the quiet days of the (at most two) censored spells.
    private readonly double[] _days;
    private readonly double[] _counts;
    private readonly double[] _censoredQuietDays;
    private readonly int _uncensored;

    private DiscreteWeibullProfile(double[] days, double[] counts, double[] censoredQuietDays)
    {
        _days = days;
        _counts = counts;
        _censoredQuietDays = censoredQuietDays;
        _uncensored = (int)counts.Sum();
    }

    /// <summary>
    /// True when every duration is one day and no censored spell has a quiet day (an exception on
    /// every day): the likelihood tends to 1 as θ → ∞ for every b, so the shape is not identified.
    /// </summary>
    public bool IsDegenerate => _days is [1.0] && _censoredQuietDays.Length == 0;

    /// <summary>The profile of <paramref name="durations"/>, or null without an uncensored duration.</summary>
    public static DiscreteWeibullProfile? Of(IReadOnlyList<HitDuration> durations)
    {
        var groups = durations.Where(d => !d.Censored).GroupBy(d => d.Days).OrderBy(g => g.Key).ToArray();
        // A censored spell without quiet days contributes P(D > 0) = 1: nothing.
        var censored = durations.Where(d => d.Censored && d.QuietDays > 0).Select(d => (double)d.QuietDays).ToArray();
        return groups.Length == 0
            ? null
            : new DiscreteWeibullProfile(groups.Select(g => (double)g.Key).ToArray(), groups.Select(g => (double)g.Count()).ToArray(), censored);
    }

    /// <summary>max over θ of the log-likelihood at shape b (0 when degenerate).</summary>
    public double LogLikelihood(double shape)
    {
        if (IsDegenerate)
        {
            return 0.0;
        }

        var powers = new Powers(this, shape);
        var theta = SolveScale(powers);
        var ll = 0.0;
        for (var i = 0; i < _days.Length; i++)
        {
            // ln(e^(−θA) − e^(−θB)) = −θA + ln(1 − e^(−θ(B−A))).
            ll += _counts[i] * (-theta * powers.Lower[i] + Math.Log(-SpecialFunctions.Expm1(-theta * powers.Gap[i])));
        }

        return ll - theta * powers.Censored;
    }

    /// <summary>
    /// The shape maximising the profile in [MinShape, MaxShape]: a grid on ln b, then golden-section
    /// search around the best grid point (robust even if the profile had several local maxima).
    /// </summary>
    public double MaximisingShape()
    {
        if (IsDegenerate)
        {
            return double.NaN;
        }

        double lo = Math.Log(DurationTest.MinShape), hi = Math.Log(DurationTest.MaxShape);
        var step = (hi - lo) / (ShapeGrid - 1);
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var k = 0; k < ShapeGrid; k++)
        {
            var value = LogLikelihood(Math.Exp(lo + k * step));
            if (value > bestValue)
            {
                (best, bestValue) = (k, value);
            }
        }

        double left = lo + Math.Max(0, best - 1) * step, right = lo + Math.Min(ShapeGrid - 1, best + 1) * step;
        const double ratio = 0.6180339887498949;
        var x1 = right - ratio * (right - left);
        var x2 = left + ratio * (right - left);
        double f1 = LogLikelihood(Math.Exp(x1)), f2 = LogLikelihood(Math.Exp(x2));
        while (right - left > 1e-7)
        {
            if (f1 < f2)
            {
                left = x1;
                (x1, f1) = (x2, f2);
                x2 = left + ratio * (right - left);
                f2 = LogLikelihood(Math.Exp(x2));
            }
            else
            {
                right = x2;
                (x2, f2) = (x1, f1);
                x1 = right - ratio * (right - left);
                f1 = LogLikelihood(Math.Exp(x1));
            }
        }

        // A bracket that touches a bound can lose to the grid point at that bound.
        var candidate = Math.Exp(0.5 * (left + right));
        return LogLikelihood(candidate) >= bestValue ? candidate : Math.Exp(lo + best * step);
    }

    /// <summary>
    /// θ̂(b): the root of the score g(θ) = Σ_u [Δ / (e^(θΔ) − 1) − A] − Σ_c q^b (A = (d−1)^b,
    /// Δ = d^b − A), strictly decreasing from +∞ to −(Σ A + Σ q^b) &lt; 0, by Newton's method
    /// safeguarded with bisection inside a bracket.
    /// </summary>
    private double SolveScale(Powers powers)
    {
        // Start at the continuous-Weibull value n_u / Σ d^b; the bracket (lo, hi) starts as (0, ∞).
        var theta = _uncensored / powers.Total;
        double lo = 0, hi = double.PositiveInfinity;
        for (var i = 0; i < 500; i++)
        {
            var (g, slope) = Score(theta, powers);
            if (g == 0)
            {
                return theta;
            }

            if (g > 0)
            {
                lo = theta;
            }
            else
            {
                hi = theta;
            }

            var next = theta - g / slope;
            if (!(next > lo && next < hi))
            {
                next = double.IsPositiveInfinity(hi) ? 4 * theta : lo == 0 ? 0.25 * theta : Math.Sqrt(lo * hi);
            }

            if (Math.Abs(next - theta) <= 1e-14 * theta)
            {
                return next;
            }

            theta = next;
        }

        return theta;
    }

    private (double Value, double Slope) Score(double theta, Powers powers)
    {
        double g = -powers.Censored, slope = 0;
        for (var i = 0; i < _days.Length; i++)
        {
            var gap = powers.Gap[i];
            var x = theta * gap;
            var up = SpecialFunctions.Expm1(x);
            var down = -SpecialFunctions.Expm1(-x);
            g += _counts[i] * (gap / up - powers.Lower[i]);
            slope -= _counts[i] * gap * gap / (up * down);
        }

        return (g, slope);
    }

    /// <summary>(d−1)^b, d^b − (d−1)^b and Σ q^b at one shape, computed once per likelihood evaluation.</summary>
    private readonly struct Powers
    {
        public Powers(DiscreteWeibullProfile profile, double shape)
        {
            Lower = new double[profile._days.Length];
            Gap = new double[profile._days.Length];
            Total = 0;
            for (var i = 0; i < Lower.Length; i++)
            {
                var d = profile._days[i];
                Lower[i] = Math.Pow(d - 1, shape);
                var upper = Math.Pow(d, shape);
                Gap[i] = upper - Lower[i];
                Total += profile._counts[i] * upper;
            }

            Censored = 0;
            foreach (var q in profile._censoredQuietDays)
            {
                Censored += Math.Pow(q, shape);
            }

            Total += Censored;
        }

        public double[] Lower { get; }

        public double[] Gap { get; }

        public double Censored { get; }

        public double Total { get; }
    }
}
