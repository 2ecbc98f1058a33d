namespace RiskGrid.Core.Backtesting;

/// <summary>
/// Christoffersen–Pelletier's continuous Weibull log-likelihood of durations with the scale
/// profiled out: uncensored ln f(D) = b ln a + ln b + (b − 1) ln D − (aD)^b, censored
/// ln S(D) = −(aD)^b. For fixed b the MLE of θ = a^b is n_u / Σ D^b, leaving the concave
/// <c>ℓ(b) = n_u ln(n_u / Σ D^b) + n_u ln b + (b − 1) Σ_u ln D − n_u</c>.
/// </summary>
internal sealed class ContinuousWeibullProfile
{
    private readonly double[] _logDays;
    private readonly double _maxLogDays;
    private readonly int _uncensored;
    private readonly double _sumLogUncensored;

    private ContinuousWeibullProfile(double[] logDays, int uncensored, double sumLogUncensored)
    {
        _logDays = logDays;
        _maxLogDays = logDays.Max();
        _uncensored = uncensored;
        _sumLogUncensored = sumLogUncensored;
    }

    /// <summary>The profile of <paramref name="durations"/>, or null without an uncensored duration.</summary>
    public static ContinuousWeibullProfile? Of(IReadOnlyList<HitDuration> durations)
    {
        var logDays = new double[durations.Count];
        var uncensored = 0;
        var sumLog = 0.0;
        for (var i = 0; i < durations.Count; i++)
        {
            logDays[i] = Math.Log(durations[i].Days);
            if (!durations[i].Censored)
            {
                uncensored++;
                sumLog += logDays[i];
            }
        }

        return uncensored == 0 ? null : new ContinuousWeibullProfile(logDays, uncensored, sumLog);
    }

    public double LogLikelihood(double shape)
    {
        double n = _uncensored;
        return n * Math.Log(n) - n * LogSumPower(shape) + n * Math.Log(shape) + (shape - 1) * _sumLogUncensored - n;
    }

    /// <summary>ℓ′(b) = n_u / b + Σ_u ln D − n_u Σ D^b ln D / Σ D^b; strictly decreasing.</summary>
    public double Score(double shape)
    {
        double weights = 0, weightedLog = 0;
        foreach (var logDay in _logDays)
        {
            var w = Math.Exp(shape * (logDay - _maxLogDays));
            weights += w;
            weightedLog += w * logDay;
        }

        return _uncensored / shape + _sumLogUncensored - _uncensored * weightedLog / weights;
    }

    /// <summary>The root of the score in the shape bounds, or the bound the score points to.</summary>
    public double MaximisingShape()
    {
        if (Score(DurationTest.MaxShape) >= 0)
        {
            return DurationTest.MaxShape;
        }

        if (Score(DurationTest.MinShape) <= 0)
        {
            return DurationTest.MinShape;
        }

        // Plain bisection: the score is monotone, so it always converges and never throws.
        double lo = DurationTest.MinShape, hi = DurationTest.MaxShape;
        for (var i = 0; i < 200 && hi - lo > 1e-13 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Score(mid) > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    // ln Σ D^b without overflow: factor out the largest duration.
    private double LogSumPower(double shape)
    {
        var sum = 0.0;
        foreach (var logDay in _logDays)
        {
            sum += Math.Exp(shape * (logDay - _maxLogDays));
        }

        return shape * _maxLogDays + Math.Log(sum);
    }
}
