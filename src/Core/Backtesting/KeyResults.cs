namespace RiskGrid.Core.Backtesting;

/// <summary>Builds the Key Results table (one row per model and level) from pair backtests.</summary>
public static class KeyResults
{
    /// <summary>Rows ordered by model (first appearance) then level.</summary>
    public static IReadOnlyList<KeyResultsRow> Aggregate(IEnumerable<PairBacktest> backtests)
    {
        var groups = backtests
            .GroupBy(b => (b.Model, b.Summary.Alpha))
            .ToList();
        var modelOrder = groups.Select(g => g.Key.Model).Distinct().ToList();
        return groups
            .OrderBy(g => modelOrder.IndexOf(g.Key.Model))
            .ThenBy(g => g.Key.Alpha)
            .Select(g => Row(g.Key.Model, g.Key.Alpha, g.Select(b => b.Summary).ToList()))
            .ToList();
    }

    private static KeyResultsRow Row(string model, double alpha, List<BacktestSummary> s)
    {
        var observations = s.Sum(x => x.Observations);
        var exceptions = s.Sum(x => x.Exceptions);
        var rate = observations > 0 ? (double)exceptions / observations : double.NaN;
        return new KeyResultsRow(
            model,
            alpha,
            s.Count,
            observations,
            s.Sum(x => x.MissingForecasts),
            exceptions,
            rate,
            rate / (1 - alpha),
            Weighted(s, x => x.AverageES),
            Weighted(s, x => x.QuantileLoss),
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Green && x.Observations > 0), // no observations: no zone
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Yellow),
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Red),
            Pool(s));
    }

    /// <summary>Every (test, p-value method) the summaries carry, in order of first appearance.</summary>
    private static List<PooledTest> Pool(List<BacktestSummary> s)
    {
        var keys = new List<(string Test, string Method)>();
        foreach (var summary in s)
        {
            foreach (var test in summary.Tests)
            {
                if (test.PValues.Count == 0)
                {
                    Add(keys, (test.Test, string.Empty));
                }

                foreach (var p in test.PValues)
                {
                    Add(keys, (test.Test, p.Method));
                }
            }
        }

        return keys.Select(key =>
        {
            var results = s.Select(x => x.Find(key.Test)).OfType<TestResult>().ToList();
            var pValues = results.Select(r => r.PValueOf(key.Method)).ToList();
            return new PooledTest(key.Test, key.Method,
                Mean(results.Select(r => r.Statistic)),
                Median(pValues),
                pValues.Count(p => p < PooledTest.RejectionLevel));
        }).ToList();

        static void Add(List<(string, string)> keys, (string, string) key)
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
    }

    // Statistics over defined values only (a test can be undefined for an instrument, e.g. no exceptions).
    private static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }

    private static double Weighted(List<BacktestSummary> s, Func<BacktestSummary, double> value)
    {
        double sum = 0;
        var weight = 0;
        foreach (var x in s)
        {
            if (x.Observations > 0 && !double.IsNaN(value(x)))
            {
                sum += value(x) * x.Observations;
                weight += x.Observations;
            }
        }

        return weight > 0 ? sum / weight : double.NaN;
    }
}
