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
            Median(s.Select(x => x.Kupiec.PValue)),
            s.Count(x => x.Kupiec.Rejects(0.05)),
            Median(s.Select(x => x.ChristoffersenConditionalCoverage.PValue)),
            Weighted(s, x => x.AverageES),
            Mean(s.Select(x => x.EsStatistic)),
            Weighted(s, x => x.QuantileLoss),
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Green),
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Yellow),
            s.Count(x => x.TrafficLight.Zone == TrafficLightZone.Red));
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
