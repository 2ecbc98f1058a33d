using FsCheck;
using FsCheck.Xunit;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Distributions;
using RiskGrid.Core.Engine;

namespace RiskGrid.Core.Tests.Backtesting;

/// <summary>Properties that hold for every hit sequence or forecast history FsCheck throws at them.</summary>
public sealed class BacktestProperties
{
    // An expected exception rate in (0, 1) from an arbitrary positive integer: 0.001 … 0.999.
    private static double Rate(PositiveInt k) => (k.Get % 999 + 1) / 1000.0;

    private static bool IsProbability(double p) => p is >= 0 and <= 1;

    private static int Count(bool[] hits) => hits.Count(h => h);

    [Property]
    public bool Kupiec_is_a_non_negative_statistic_with_a_probability(bool[] hits, PositiveInt k)
    {
        var test = KupiecTest.Compute(hits, Rate(k));
        return hits.Length == 0
            ? double.IsNaN(test.Statistic) && double.IsNaN(test.PValue)
            : test.Statistic >= 0 && IsProbability(test.PValue);
    }

    [Property]
    public bool Christoffersen_statistics_are_non_negative_and_conditional_coverage_adds_up(bool[] hits, PositiveInt k)
    {
        var pof = KupiecTest.Compute(hits, Rate(k));
        var ind = ChristoffersenTest.Independence(hits);
        var cc = ChristoffersenTest.ConditionalCoverage(hits, Rate(k));
        if (hits.Length < 2)
        {
            return double.IsNaN(ind.Statistic) && double.IsNaN(cc.Statistic) && double.IsNaN(cc.PValue);
        }

        return ind.Statistic >= 0 && IsProbability(ind.PValue)
               && cc.Statistic == pof.Statistic + ind.Statistic && IsProbability(cc.PValue)
               && cc.DegreesOfFreedom == 2;
    }

    [Property]
    public bool Transition_counts_cover_every_consecutive_pair(bool[] hits)
    {
        var counts = TransitionCounts.Of(hits);
        return counts.Total == Math.Max(0, hits.Length - 1)
               && counts.N01 + counts.N11 == Count(hits) - (hits.Length > 0 && hits[0] ? 1 : 0);
    }

    [Property(MaxTest = 60)]
    public bool Duration_test_is_defined_from_two_exceptions_and_never_negative(bool[] hits)
    {
        var discrete = DurationTest.Compute(hits);
        var continuous = DurationTest.ComputeContinuous(hits);
        if (Count(hits) < 2)
        {
            return double.IsNaN(discrete.PValue) && double.IsNaN(continuous.PValue);
        }

        return discrete.Statistic >= 0 && IsProbability(discrete.PValue)
               && continuous.Statistic >= 0 && IsProbability(continuous.PValue);
    }

    [Property]
    public bool Durations_account_for_every_day(bool[] hits)
    {
        // Spells tile the sample: the left spell counts its days up to and including the first
        // exception, later spells the days after the previous exception; only a sequence starting
        // with an exception leaves its first day uncovered.
        var covered = DurationTest.Durations(hits).Sum(d => d.Days);
        var expected = Count(hits) == 0 ? 0 : hits.Length - (hits[0] ? 1 : 0);
        return covered == expected;
    }

    [Property]
    public bool Traffic_light_never_gets_greener_with_more_exceptions(PositiveInt days, PositiveInt k)
    {
        var n = days.Get % 400 + 1;
        var alpha = 1 - Rate(k);
        var previous = TrafficLightZone.Green;
        for (var x = 0; x <= n; x++)
        {
            var zone = TrafficLight.ZoneOf(x, n, alpha);
            if (zone < previous)
            {
                return false;
            }

            previous = zone;
        }

        return true;
    }

    [Property]
    public bool Quantile_loss_is_non_negative_and_zero_on_the_quantile(NormalFloat loss, NormalFloat valueAtRisk, PositiveInt k)
    {
        var alpha = 1 - Rate(k);
        return QuantileLoss.Of(loss.Get, valueAtRisk.Get, alpha) >= 0 && QuantileLoss.Of(valueAtRisk.Get, valueAtRisk.Get, alpha) == 0;
    }

    [Property(MaxTest = 40)]
    public bool Summary_ignores_a_pending_forecast(int seed)
    {
        var records = History(seed);
        var withPending = records.Append(ForecastRecords.Pending(10_000, 1.0, 1.2)).ToList();
        return Backtester.Summarize(records, 0, 0.95) == Backtester.Summarize(withPending, 0, 0.95);
    }

    [Property(MaxTest = 40)]
    public bool Missing_forecasts_are_counted_and_change_nothing_else(int seed, PositiveInt where)
    {
        var records = History(seed).ToList();
        var before = Backtester.Summarize(records, 0, 0.975);
        var position = where.Get % (records.Count + 1);
        records.Insert(position, ForecastRecords.Missing(20_000, -5.0));
        records.Insert(position, ForecastRecords.Missing(20_001, 2.0));
        var after = Backtester.Summarize(records, 0, 0.975);
        return after == before with { MissingForecasts = before.MissingForecasts + 2 };
    }

    [Property(MaxTest = 40)]
    public bool Summary_is_scale_free_except_for_the_levels(int seed, PositiveInt k)
    {
        // Returns, VaR and ES in other units (c > 0): the same exceptions, tests and ES statistic;
        // averages and quantile loss scale by c.
        var c = 0.25 + k.Get % 40 / 10.0;
        var records = History(seed);
        var scaled = records.Select(r => r with
        {
            VaR = r.VaR.Select(v => c * v).ToArray(),
            ES = r.ES.Select(v => c * v).ToArray(),
            Realized = c * r.Realized,
        }).ToList();
        var a = Backtester.Summarize(records, 0, 0.99);
        var b = Backtester.Summarize(scaled, 0, 0.99);
        return a.Exceptions == b.Exceptions && a.Observations == b.Observations
               && a.Kupiec() == b.Kupiec() && a.ChristoffersenIndependence() == b.ChristoffersenIndependence()
               && a.Duration() == b.Duration() && a.TrafficLight == b.TrafficLight
               && Close(a.EsStatistic(), b.EsStatistic(), 1e-9) && Close(a.EsPValue(), b.EsPValue(), 1e-3)
               && Close(c * a.AverageVaR, b.AverageVaR, 1e-9) && Close(c * a.AverageES, b.AverageES, 1e-9)
               && Close(c * a.QuantileLoss, b.QuantileLoss, 1e-9);
    }

    [Property(MaxTest = 25)]
    public bool Summary_is_deterministic(int seed)
    {
        var records = History(seed);
        var a = Backtester.Summarize(records, [0.95, 0.99]);
        var b = Backtester.Summarize(records.ToArray(), [0.95, 0.99]);
        return a.SequenceEqual(b);
    }

    [Property(MaxTest = 40)]
    public bool Summary_counts_add_up(int seed)
    {
        var records = History(seed);
        var s = Backtester.Summarize(records, 1, 0.99);
        return s.Observations + s.MissingForecasts == records.Count(r => r.IsRealized)
               && s.Exceptions == records.Count(r => r.IsException(1))
               && (s.Observations == 0 || Close(s.ViolationRatio * (1 - 0.99), s.ExceptionRate, 1e-12))
               && s.TrafficLight.Days == Math.Min(250, s.Observations);
    }

    private static bool Close(double a, double b, double tolerance) =>
        double.IsNaN(a) ? double.IsNaN(b) : Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));

    // A seeded forecast history of 0–400 realised days at levels 0.95 and 0.99 (normal losses with a
    // wandering volatility, forecasts from a slightly wrong one), some days without a forecast.
    private static List<ForecastRecord> History(int seed)
    {
        var rng = new Random(seed);
        var days = rng.Next(0, 400);
        var records = new List<ForecastRecord>(days);
        double z95 = StandardNormal.Quantile(0.95), z99 = StandardNormal.Quantile(0.99);
        double e95 = StandardNormal.ExpectedShortfall(0.95), e99 = StandardNormal.ExpectedShortfall(0.99);
        for (var t = 0; t < days; t++)
        {
            var sigma = 1 + 0.5 * Math.Sin((t + seed % 97) / 25.0);
            var r = sigma * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            if (rng.NextDouble() < 0.05)
            {
                records.Add(ForecastRecords.Missing(t, r, levels: 2));
                continue;
            }

            var s = sigma * (0.8 + 0.4 * rng.NextDouble());
            records.Add(ForecastRecords.Realised(t, r, [s * z95, s * z99], [s * e95, s * e99]));
        }

        return records;
    }
}
