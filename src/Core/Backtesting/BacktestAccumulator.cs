using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Backtesting;

/// <summary>
/// The incremental twin of <see cref="Backtester"/> for one level: fed realised forecasts one by one, it keeps
/// what the descriptive figures and the count-based tests need — observation, missing and exception counts,
/// the VaR, ES and quantile-loss sums (added in the batch's order, so the averages are the batch's to the last
/// bit), the hits of the last <see cref="TrafficLight.BaselDays"/> observations, Christoffersen's transition
/// counts and the exception spells — in a size that does not grow with the history. A grid pair persists one
/// per level and updates it on each push; the tests that need the whole sample (DQ regression, Weibull
/// durations, Monte Carlo p-values) stay with <see cref="Backtester"/>.
/// </summary>
/// <remarks>The members are settable so that the grid can persist the accumulator as it is.</remarks>
public sealed class BacktestAccumulator
{
    /// <summary>An empty accumulator for confidence level <paramref name="alpha"/>.</summary>
    public BacktestAccumulator(double alpha)
    {
        BacktestArguments.CheckAlpha(alpha);
        Alpha = alpha;
    }

    public double Alpha { get; set; }

    /// <summary>Realised days with a forecast.</summary>
    public int Observations { get; set; }

    /// <summary>Realised days without a forecast (VaR NaN): counted, left out of everything else.</summary>
    public int MissingForecasts { get; set; }

    public int Exceptions { get; set; }

    public double SumVaR { get; set; }

    public double SumES { get; set; }

    /// <summary>Sum of the quantile (tick) losses of VaR.</summary>
    public double SumQuantileLoss { get; set; }

    /// <summary>The hits of the last <see cref="TrafficLight.BaselDays"/> observations as a ring; <see cref="RecentNext"/> is the next slot.</summary>
    public bool[] Recent { get; set; } = new bool[TrafficLight.BaselDays];

    public int RecentNext { get; set; }

    /// <summary>Hits in <see cref="Recent"/> (the traffic light's exception count).</summary>
    public int RecentExceptions { get; set; }

    /// <summary>Christoffersen transition counts so far (from each observation's hit to the next one's).</summary>
    public int N00 { get; set; }

    public int N01 { get; set; }

    public int N10 { get; set; }

    public int N11 { get; set; }

    /// <summary>Observations since the last exception (or since the first observation while there is none yet).</summary>
    public int CurrentSpell { get; set; }

    /// <summary>Completed spells between two exceptions: their count and the longest.</summary>
    public int CompletedSpells { get; set; }

    public int LongestSpell { get; set; }

    /// <summary>Whether the last observation was an exception (for the next transition).</summary>
    public bool LastHit { get; set; }

    /// <summary>Realised forecasts fed so far (observations and missing ones).</summary>
    public int Fed => Observations + MissingForecasts;

    /// <summary>One accumulator per level of <paramref name="alphas"/>, fed with <paramref name="forecasts"/>.</summary>
    public static BacktestAccumulator[] Of(IReadOnlyList<ForecastRecord> forecasts, IReadOnlyList<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(alphas);
        var accumulators = alphas.Select(a => new BacktestAccumulator(a)).ToArray();
        foreach (var record in forecasts)
        {
            for (var k = 0; k < accumulators.Length; k++)
            {
                accumulators[k].Add(record, k);
            }
        }

        return accumulators;
    }

    /// <summary>Takes the forecast's VaR and ES at level index <paramref name="level"/> and its outcome; an unrealised forecast is ignored.</summary>
    public void Add(ForecastRecord record, int level)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (level < 0 || level >= record.VaR.Length || level >= record.ES.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level,
                $"forecast of {record.OriginDate:yyyy-MM-dd} has only {Math.Min(record.VaR.Length, record.ES.Length)} levels");
        }

        if (!record.IsRealized)
        {
            return;
        }

        if (double.IsNaN(record.VaR[level]))
        {
            MissingForecasts++;
            return;
        }

        Add(-record.Realized, record.VaR[level], record.ES[level]);
    }

    /// <summary>Takes one observation: loss L = −r, VaR and ES as positive losses.</summary>
    public void Add(double loss, double valueAtRisk, double expectedShortfall)
    {
        var hit = loss > valueAtRisk;
        if (Observations > 0)
        {
            switch (LastHit, hit)
            {
                case (false, false): N00++; break;
                case (false, true): N01++; break;
                case (true, false): N10++; break;
                default: N11++; break;
            }
        }

        Observations++;
        SumVaR += valueAtRisk;
        SumES += expectedShortfall;
        SumQuantileLoss += QuantileLoss.Of(loss, valueAtRisk, Alpha);
        if (Recent.Length != TrafficLight.BaselDays)
        {
            throw new InvalidOperationException($"the recent-hits ring holds {Recent.Length} days, not {TrafficLight.BaselDays}");
        }

        if (Observations > Recent.Length && Recent[RecentNext])
        {
            RecentExceptions--;
        }

        Recent[RecentNext] = hit;
        RecentNext = (RecentNext + 1) % Recent.Length;
        if (hit)
        {
            Exceptions++;
            RecentExceptions++;
            if (Exceptions > 1)
            {
                CompletedSpells++;
                LongestSpell = Math.Max(LongestSpell, CurrentSpell + 1);
            }

            CurrentSpell = 0;
        }
        else
        {
            CurrentSpell++;
        }

        LastHit = hit;
    }

    /// <summary>The figures so far: each equal to the batch <see cref="Backtester"/>'s on the same forecasts.</summary>
    public BacktestFigures Figures()
    {
        var n = Observations;
        var rate = n > 0 ? (double)Exceptions / n : double.NaN;
        var days = Math.Min(n, Recent.Length);
        return new BacktestFigures(
            Alpha, n, MissingForecasts, Exceptions, rate, rate / (1 - Alpha),
            n > 0 ? SumVaR / n : double.NaN,
            n > 0 ? SumES / n : double.NaN,
            n > 0 ? SumQuantileLoss / n : double.NaN,
            new TrafficLight(TrafficLight.ZoneOf(RecentExceptions, days, Alpha), RecentExceptions, days),
            new TransitionCounts(N00, N01, N10, N11),
            KupiecTest.FromCounts(n, Exceptions, 1 - Alpha));
    }
}
