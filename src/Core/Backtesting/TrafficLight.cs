using MathNet.Numerics.Distributions;

namespace RiskGrid.Core.Backtesting;

/// <summary>Basel traffic light over the last <see cref="Days"/> realised forecasts.</summary>
/// <remarks>
/// Zones follow the Basel Committee's definition (Supervisory framework for the use of
/// backtesting, 1996): with X ~ Binomial(days, 1 − α) the exception count of a correct model,
/// x exceptions are green while P(X ≤ x) &lt; 95%, yellow while P(X ≤ x) &lt; 99.99%, red
/// otherwise. At α = 0.99 over 250 days that is green 0–4, yellow 5–9, red 10+; the same rule
/// gives zones at any level (α = 0.95 over 250 days: green 0–17, yellow 18–26, red 27+).
/// With fewer than 250 days the binomial is taken over the days there are. Zero exceptions are
/// always green: over five days or fewer at 99%, P(X ≤ 0) = 0.99^days already reaches 95%, and
/// a sample without a single exception is no evidence that VaR is too low.
/// </remarks>
public readonly record struct TrafficLight(TrafficLightZone Zone, int Exceptions, int Days)
{
    /// <summary>The regulatory window: the last 250 business days.</summary>
    public const int BaselDays = 250;

    /// <summary>Cumulative probability at which the yellow zone starts.</summary>
    public const double YellowFrom = 0.95;

    /// <summary>Cumulative probability at which the red zone starts.</summary>
    public const double RedFrom = 0.9999;

    /// <summary>The light over the last <paramref name="days"/> entries of a hit sequence (all of it when shorter).</summary>
    public static TrafficLight Of(ReadOnlySpan<bool> hits, double alpha, int days = BaselDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var window = hits.Length > days ? hits[^days..] : hits;
        var exceptions = 0;
        foreach (var hit in window)
        {
            if (hit)
            {
                exceptions++;
            }
        }

        return new TrafficLight(ZoneOf(exceptions, window.Length, alpha), exceptions, window.Length);
    }

    /// <summary>The zone of <paramref name="exceptions"/> exceptions in <paramref name="days"/> days at level α.</summary>
    public static TrafficLightZone ZoneOf(int exceptions, int days, double alpha)
    {
        BacktestArguments.CheckAlpha(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (exceptions < 0 || exceptions > days)
        {
            throw new ArgumentOutOfRangeException(nameof(exceptions), exceptions, $"exceptions must be between 0 and the {days} days");
        }

        if (exceptions == 0)
        {
            return TrafficLightZone.Green;
        }

        var cumulative = Binomial.CDF(1 - alpha, days, exceptions);
        return cumulative < YellowFrom ? TrafficLightZone.Green
            : cumulative < RedFrom ? TrafficLightZone.Yellow
            : TrafficLightZone.Red;
    }
}
