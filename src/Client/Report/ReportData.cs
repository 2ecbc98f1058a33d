using System.Globalization;
using System.Text;
using System.Text.Json;
using RiskGrid.Client.Output;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Engine;

namespace RiskGrid.Client.Report;

/// <summary>
/// The run's data as the report's script reads it (JSON): per instrument the realised days and returns, and per
/// model its VaR and ES at each level on those days (null where it had no forecast) with the indices of its
/// exceptions (decided here, by <see cref="ForecastRecord.IsException"/>, so the page counts what the backtests count);
/// the Basel zone boundaries, the exceptions per model with their binomial band, and the model comparison.
/// </summary>
internal static class ReportData
{
    // Four decimals of a percent: far below what a chart or a hover shows, and it keeps a 20-year run's page small.
    private const int Decimals = 4;

    public static string Json(BenchmarkReport report)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("baselDays", TrafficLight.BaselDays);
            json.WriteStartArray("levels");
            foreach (var alpha in report.Alphas)
            {
                json.WriteNumberValue(alpha);
            }

            json.WriteEndArray();
            var models = report.Runs.Select(r => r.Model).Distinct().ToList();
            json.WriteStartArray("models");
            models.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            Instruments(json, report);
            Bands(json, report.Alphas);
            Exceptions(json, report, models);
            Ranking(json, report);
            Portfolio(json, report.Portfolio);
            json.WriteEndObject();
        }

        // Inside <script type="application/json">: a "</" in a name must not close the element.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    private static void Instruments(Utf8JsonWriter json, BenchmarkReport report)
    {
        json.WriteStartArray("instruments");
        foreach (var group in report.Runs.GroupBy(r => r.Instrument))
        {
            Instrument(json, group.Key, [.. group], report);
        }

        json.WriteEndArray();
    }

    // The portfolio's routes (--weights): one instrument whose "models" are the routes, and its routes' backtests.
    private static void Portfolio(Utf8JsonWriter json, PortfolioReport? portfolio)
    {
        if (portfolio is null)
        {
            json.WriteNull("portfolio");
            return;
        }

        json.WriteStartObject("portfolio");
        json.WriteString("description", portfolio.Description);
        json.WriteString("model", portfolio.Model);
        json.WriteStartArray("routes");
        portfolio.Routes.Runs.Select(r => r.Model).ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WritePropertyName("series");
        Instrument(json, null, portfolio.Routes.Runs, portfolio.Routes);
        json.WriteEndObject();
    }

    private static void Instrument(Utf8JsonWriter json, string? name, IReadOnlyList<PairRun> group, BenchmarkReport report)
    {
        // The realised days of any of the instrument's models (they share the calendar; a union to be safe).
        var returns = new SortedDictionary<DateOnly, double>();
        foreach (var f in group.SelectMany(r => r.Forecasts).Where(f => f.IsRealized))
        {
            returns.TryAdd(f.TargetDate!.Value, f.Realized);
        }

        var dates = returns.Keys.ToList();
        var index = dates.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        json.WriteStartObject();
        json.WriteString("name", name ?? group[0].Instrument);
        json.WriteStartArray("dates");
        dates.ForEach(d => json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        json.WriteEndArray();
        Numbers(json, "returns", returns.Values);
        json.WriteStartObject("models");
        foreach (var run in group)
        {
            Pair(json, run, report, dates.Count, index);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter json, PairRun run, BenchmarkReport report, int days, Dictionary<DateOnly, int> index)
    {
        var levels = report.Alphas.Count;
        var var = new double[levels][];
        var es = new double[levels][];
        for (var k = 0; k < levels; k++)
        {
            var[k] = [.. Enumerable.Repeat(double.NaN, days)];
            es[k] = [.. Enumerable.Repeat(double.NaN, days)];
        }

        var exceptions = Enumerable.Range(0, levels).Select(_ => new List<int>()).ToArray();
        var observations = new int[levels];
        foreach (var f in run.Forecasts.Where(f => f.IsRealized && f.HasForecast))
        {
            var i = index[f.TargetDate!.Value];
            for (var k = 0; k < levels; k++)
            {
                var[k][i] = f.VaR[k];
                es[k][i] = f.ES[k];
                observations[k]++;
                if (f.IsException(k))
                {
                    exceptions[k].Add(i);
                }
            }
        }

        json.WriteStartObject(run.Model);
        Nested(json, "var", var);
        Nested(json, "es", es);
        json.WriteStartArray("exceptions");
        foreach (var hits in exceptions)
        {
            json.WriteStartArray();
            hits.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("observations");
        foreach (var n in observations)
        {
            json.WriteNumberValue(n);
        }

        json.WriteEndArray();
        json.WriteStartArray("zones");
        foreach (var alpha in report.Alphas)
        {
            var backtest = report.Backtests.FirstOrDefault(b => b.Instrument == run.Instrument && b.Model == run.Model && b.Summary.Alpha == alpha);
            json.WriteStringValue(backtest?.Summary.TrafficLight.Zone.ToString().ToLowerInvariant() ?? "n/a");
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Where the yellow and red zones start for 1 … 250 observed days, per level (the zones TrafficLight reports).
    private static void Bands(Utf8JsonWriter json, IReadOnlyList<double> alphas)
    {
        json.WriteStartArray("bands");
        foreach (var alpha in alphas)
        {
            var bands = Enumerable.Range(1, TrafficLight.BaselDays).Select(n => TrafficLightBands.For(n, alpha)).ToList();
            json.WriteStartObject();
            Integers(json, "yellowFrom", bands.Select(b => b.YellowFrom));
            Integers(json, "redFrom", bands.Select(b => b.RedFrom));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Exceptions(Utf8JsonWriter json, BenchmarkReport report, IReadOnlyList<string> models)
    {
        json.WriteStartArray("exceptions");
        foreach (var model in models)
        {
            for (var k = 0; k < report.Alphas.Count; k++)
            {
                var row = report.KeyResults.FirstOrDefault(r => r.Model == model && r.Alpha == report.Alphas[k]);
                if (row is null)
                {
                    continue;
                }

                var band = ExceptionBand.For(row.Observations, row.Alpha);
                json.WriteStartObject();
                json.WriteString("model", model);
                json.WriteNumber("level", k);
                json.WriteNumber("exceptions", row.Exceptions);
                json.WriteNumber("observations", row.Observations);
                json.WriteNumber("expected", Math.Round(band.Expected, Decimals));
                json.WriteNumber("lower", band.Lower);
                json.WriteNumber("upper", band.Upper);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void Ranking(Utf8JsonWriter json, BenchmarkReport report)
    {
        json.WriteStartArray("ranking");
        foreach (var r in report.Ranking)
        {
            json.WriteStartObject();
            json.WriteString("model", r.Model);
            json.WriteNumber("level", IndexOf(report.Alphas, r.Alpha));
            json.WriteNumber("instruments", r.Instruments);
            Number(json, "rank", r.MeanRank);
            Number(json, "loss", r.MeanQuantileLoss);
            json.WriteNumber("best", r.Best);
            json.WriteNumber("worse", r.SignificantlyWorseThanBest);
            Number(json, "fz0Rank", r.MeanFz0Rank);
            Number(json, "fz0Loss", r.MeanFz0Loss);
            json.WriteNumber("fz0Worse", r.Fz0SignificantlyWorseThanBest);
            json.WriteNumber("mcs10", r.InConfidenceSet10);
            json.WriteNumber("mcs25", r.InConfidenceSet25);
            json.WriteNumber("fz0Best", r.Fz0Best);
            json.WriteNumber("fz0Mcs10", r.Fz0InConfidenceSet10);
            json.WriteNumber("fz0Mcs25", r.Fz0InConfidenceSet25);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static int IndexOf(IReadOnlyList<double> alphas, double alpha)
    {
        for (var k = 0; k < alphas.Count; k++)
        {
            if (alphas[k] == alpha)
            {
                return k;
            }
        }

        return -1;
    }

    private static void Nested(Utf8JsonWriter json, string name, double[][] values)
    {
        json.WriteStartArray(name);
        foreach (var level in values)
        {
            Numbers(json, null, level);
        }

        json.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter json, string? name, IEnumerable<double> values)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                json.WriteNumberValue(Math.Round(v, Decimals));
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static void Integers(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, Decimals));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
