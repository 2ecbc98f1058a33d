using System.Globalization;
using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Models;

namespace RiskGrid.Client.Output;

/// <summary>
/// Writes a benchmark's results as CSV: every forecast, every pair backtest (its descriptive figures
/// wide, its catalogued tests long), the Key Results rows (likewise) and each pair's last fit. Numbers are invariant-culture and round-trip exactly.
/// </summary>
public static class CsvResultsWriter
{
    public const string ForecastsFile = "forecasts.csv";
    public const string BacktestsFile = "backtests.csv";
    public const string TestsFile = "backtest-tests.csv";
    public const string KeyResultsFile = "key-results.csv";
    public const string KeyResultsTestsFile = "key-results-tests.csv";
    public const string FitsFile = "fits.csv";
    public const string ComparisonFile = "model-comparison.csv";
    public const string MurphyFile = "murphy.csv";
    public const string PortfolioForecastsFile = "portfolio-forecasts.csv";
    public const string PortfolioBacktestsFile = "portfolio-backtests.csv";
    public const string PortfolioKeyResultsFile = "portfolio-key-results.csv";

    /// <summary>Writes the files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    /// <param name="fits">Write fits.csv (forecasts backtested from a file have no fits).</param>
    public static IReadOnlyList<string> Write(BenchmarkReport report, string directory, bool fits = true)
    {
        Directory.CreateDirectory(directory);
        // The portfolio's routes (--weights) in the pairs' formats: instrument "portfolio", model = the route.
        IReadOnlyList<string> portfolio = report.Portfolio?.Routes is { } routes
            ?
            [
                WriteFile(directory, PortfolioForecastsFile, w => Forecasts(routes, w)),
                WriteFile(directory, PortfolioBacktestsFile, w => Backtests(routes, w)),
                WriteFile(directory, PortfolioKeyResultsFile, w => KeyResults(routes, w)),
            ]
            : [];
        return
        [
            WriteFile(directory, ForecastsFile, w => Forecasts(report, w)),
            WriteFile(directory, BacktestsFile, w => Backtests(report, w)),
            WriteFile(directory, TestsFile, w => Tests(report, w)),
            WriteFile(directory, KeyResultsFile, w => KeyResults(report, w)),
            WriteFile(directory, KeyResultsTestsFile, w => KeyResultsTests(report, w)),
            .. fits ? [WriteFile(directory, FitsFile, w => Fits(report, w))] : Array.Empty<string>(),
            WriteFile(directory, ComparisonFile, w => Comparison(report, w)),
            WriteFile(directory, MurphyFile, w => Murphy(report, w)),
            .. portfolio,
        ];
    }

    private static string WriteFile(string directory, string name, Action<TextWriter> write)
    {
        var path = Path.Combine(directory, name);
        AtomicFile.Write(path, write);
        return path;
    }

    private static void Forecasts(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("instrument,model,origin_date,target_date,alpha,var,es,mean,volatility,realized,exception,fit_status,refitted,pit");
        foreach (var run in report.Runs)
        {
            foreach (var f in run.Forecasts)
            {
                for (var k = 0; k < report.Alphas.Count; k++)
                {
                    w.WriteLine(string.Join(',',
                        run.Instrument, run.Model, Date(f.OriginDate), f.TargetDate is { } t ? Date(t) : string.Empty,
                        N(report.Alphas[k]), N(f.VaR[k]), N(f.ES[k]), N(f.Mean), N(f.Volatility),
                        f.IsRealized ? N(f.Realized) : string.Empty,
                        f.IsRealized && f.HasForecast ? (f.IsException(k) ? "1" : "0") : string.Empty,
                        f.FitStatus, f.Refitted ? "1" : "0", N(f.Pit)));
                }
            }
        }
    }

    private static void Backtests(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("instrument,model,alpha,observations,missing,exceptions,exception_rate,violation_ratio," +
                    "avg_var,avg_es,quantile_loss,zone,zone_exceptions,zone_days");
        foreach (var b in report.Backtests)
        {
            var s = b.Summary;
            w.WriteLine(string.Join(',',
                b.Instrument, b.Model, N(s.Alpha), s.Observations, s.MissingForecasts, s.Exceptions,
                N(s.ExceptionRate), N(s.ViolationRatio), N(s.AverageVaR), N(s.AverageES), N(s.QuantileLoss),
                s.TrafficLight.Zone.ToString().ToLowerInvariant(), s.TrafficLight.Exceptions, s.TrafficLight.Days));
        }
    }

    /// <summary>Every catalogued test's result, long: one row per pair, level, test and p-value (one with an empty method for a test without p-values).</summary>
    private static void Tests(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("instrument,model,alpha,test,statistic,dof,method,p_value,undefined");
        foreach (var b in report.Backtests)
        {
            foreach (var t in b.Summary.Tests)
            {
                var prefix = $"{b.Instrument},{b.Model},{N(b.Summary.Alpha)},{t.Test},{N(t.Statistic)},{(t.DegreesOfFreedom > 0 ? t.DegreesOfFreedom : string.Empty)}";
                if (t.PValues.Count == 0)
                {
                    w.WriteLine($"{prefix},,,{Quote(t.Undefined)}");
                }

                foreach (var p in t.PValues)
                {
                    w.WriteLine($"{prefix},{p.Method},{N(p.Value)},{Quote(t.Undefined)}");
                }
            }
        }
    }

    private static void KeyResults(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("model,alpha,instruments,observations,missing,exceptions,exception_rate,violation_ratio," +
                    "avg_es,quantile_loss,green,yellow,red");
        foreach (var r in report.KeyResults)
        {
            w.WriteLine(string.Join(',',
                r.Model, N(r.Alpha), r.Instruments, r.Observations, r.MissingForecasts, r.Exceptions,
                N(r.ExceptionRate), N(r.ViolationRatio), N(r.AverageES), N(r.QuantileLoss), r.Green, r.Yellow, r.Red));
        }
    }

    /// <summary>The Key Results rows' pooled tests, long: one row per model, level, test and p-value method.</summary>
    private static void KeyResultsTests(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("model,alpha,test,method,mean_statistic,median_p,rejections_5pct");
        foreach (var r in report.KeyResults)
        {
            foreach (var t in r.Tests)
            {
                w.WriteLine(string.Join(',', r.Model, N(r.Alpha), t.Test, t.Method, N(t.MeanStatistic), N(t.MedianPValue), t.Rejections));
            }
        }
    }

    private static void Comparison(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("alpha,model,instruments,mean_rank,mean_quantile_loss,best_on,worse_than_best,fz0_instruments,mean_fz0_rank,mean_fz0_loss,fz0_worse_than_best," +
            "in_mcs_10,in_mcs_25,fz0_best_on,fz0_in_mcs_10,fz0_in_mcs_25");
        foreach (var r in report.Ranking)
        {
            w.WriteLine(string.Join(',', N(r.Alpha), r.Model, r.Instruments, N(r.MeanRank), N(r.MeanQuantileLoss),
                r.Best, r.SignificantlyWorseThanBest, r.Fz0Instruments, N(r.MeanFz0Rank), N(r.MeanFz0Loss), r.Fz0SignificantlyWorseThanBest,
                r.InConfidenceSet10, r.InConfidenceSet25, r.Fz0Best, r.Fz0InConfidenceSet10, r.Fz0InConfidenceSet25));
        }
    }

    /// <summary>Murphy diagram data (<see cref="MurphyDiagram"/>): per instrument, model and level, the mean elementary
    /// quantile score of the VaR forecasts at each threshold, on the days all of the instrument's models forecast.</summary>
    private static void Murphy(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("instrument,model,alpha,days,theta,mean_score");
        foreach (var c in MurphyDiagram.Compute(report.Runs, report.Alphas))
        {
            for (var k = 0; k < c.Thresholds.Count; k++)
            {
                w.WriteLine(string.Join(',', c.Instrument, c.Model, N(c.Alpha), c.Days, N(c.Thresholds[k]), N(c.MeanScores[k])));
            }
        }
    }

    private static void Fits(BenchmarkReport report, TextWriter w)
    {
        w.WriteLine("instrument,model,fit_attempts,fit_failures,last_status,parameter,estimate,std_error,loglik,message");
        foreach (var run in report.Runs)
        {
            var fit = run.LastFit;
            var prefix = $"{run.Instrument},{run.Model},{run.FitAttempts},{run.FitFailures},{fit?.Status.ToString() ?? "none"}";
            if (fit is null || fit.Parameters.Length == 0)
            {
                w.WriteLine($"{prefix},,,,{(fit is null ? string.Empty : N(fit.LogLikelihood))},{Quote(fit?.Message)}");
                continue;
            }

            var names = ModelCatalog.Create(run.Model).ParameterNames;
            for (var i = 0; i < fit.Parameters.Length; i++)
            {
                var name = i < names.Count ? names[i] : $"p{i}";
                var se = fit.StandardErrors is { } e && i < e.Length ? N(e[i]) : string.Empty;
                w.WriteLine($"{prefix},{name},{N(fit.Parameters[i])},{se},{N(fit.LogLikelihood)},{Quote(fit.Message)}");
            }
        }
    }

    private static string N(double x) => double.IsNaN(x) ? string.Empty : x.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string? s) => string.IsNullOrEmpty(s) ? string.Empty : '"' + s.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
}
