using RiskGrid.Core.Backtesting;
using RiskGrid.Core.Data;
using RiskGrid.Core.Engine;
using RiskGrid.Core.Models;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.Mapping;

/// <summary>
/// Conversions between the grid's messages (Abstractions, no Core reference) and Core types. Every
/// double is copied as is, so a round trip is bit-exact (NaN included).
/// </summary>
public static class CoreMapping
{
    public static PriceBar ToCore(this DailyPrice price) => new(price.Date, price.Open, price.High, price.Low, price.Close);

    public static DailyPrice ToMessage(this PriceBar bar) => new(bar.Date, bar.Open, bar.High, bar.Low, bar.Close);

    /// <summary>A whole series as one instrument's prices for a push.</summary>
    public static InstrumentPrices ToMessage(this PriceSeries series) => new(series.Instrument, [.. series.Bars.Select(b => b.ToMessage())]);

    public static ReturnKind ToCore(this ReturnCalculation returns) => returns switch
    {
        ReturnCalculation.Simple => ReturnKind.Simple,
        ReturnCalculation.Log => ReturnKind.Log,
        _ => throw new ArgumentOutOfRangeException(nameof(returns), returns, "unknown return calculation"),
    };

    public static ReturnCalculation ToMessage(this ReturnKind kind) => kind switch
    {
        ReturnKind.Simple => ReturnCalculation.Simple,
        ReturnKind.Log => ReturnCalculation.Log,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown return kind"),
    };

    /// <summary>The settings message for Core options, model settings and backtest options: the declared model settings that differ
    /// from their defaults travel by name (none: null); of the backtest options, <see cref="BacktestOptions.EsrMonteCarlo"/>
    /// (null: the default battery).</summary>
    public static RollingSettings ToSettings(RollingOptions options, ModelSettings? modelSettings = null, BacktestOptions? backtests = null)
    {
        var values = modelSettings is null ? [] : ModelCatalog.NonDefault(modelSettings);
        return new(options.Window, options.RefitEvery, [.. options.Alphas], options.ReturnKind.ToMessage(),
            values.Count == 0 ? null : [.. values.Select(v => new SettingValue(v.Key, v.Value))],
            (backtests ?? BacktestOptions.Default).EsrMonteCarlo);
    }

    /// <summary>How the pairs of a universe with these settings run Core's battery: the default, with the opt-in ESR Monte Carlo
    /// p-value as the settings say.</summary>
    public static BacktestOptions ToBacktestOptions(this RollingSettings settings) =>
        settings.EsrMonteCarlo ? new BacktestOptions { EsrMonteCarlo = true } : BacktestOptions.Default;

    public static RollingOptions ToOptions(this RollingSettings settings) => new()
    {
        Window = settings.Window,
        RefitEvery = settings.RefitEvery,
        Alphas = [.. settings.Alphas],
        ReturnKind = settings.Returns.ToCore(),
    };

    /// <summary>The Core model settings, each value checked by its catalogue declaration; throws
    /// <see cref="RiskGridException"/> for an unknown setting or a bad value.</summary>
    public static ModelSettings ToModelSettings(this RollingSettings settings)
    {
        try
        {
            return ModelCatalog.ResolveSettings((settings.ModelSettings ?? []).Select(v => KeyValuePair.Create(v.Name, v.Value)));
        }
        catch (ArgumentException ex)
        {
            throw new RiskGridException($"model settings: {ex.Message}");
        }
    }

    public static FitOutcome ToMessage(this FitStatus status) => status switch
    {
        FitStatus.Converged => FitOutcome.Converged,
        FitStatus.ConvergedAtBound => FitOutcome.ConvergedAtBound,
        FitStatus.NotConverged => FitOutcome.NotConverged,
        FitStatus.Failed => FitOutcome.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown fit status"),
    };

    public static FitStatus ToCore(this FitOutcome outcome) => outcome switch
    {
        FitOutcome.Converged => FitStatus.Converged,
        FitOutcome.ConvergedAtBound => FitStatus.ConvergedAtBound,
        FitOutcome.NotConverged => FitStatus.NotConverged,
        FitOutcome.Failed => FitStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown fit outcome"),
    };

    public static ForecastEntry ToMessage(this ForecastRecord record) =>
        new(record.OriginDate, record.VaR, record.ES, record.Mean, record.Volatility, record.FitStatus.ToMessage(),
            record.Refitted, record.TargetDate, record.Realized)
        {
            Pit = record.Pit,
            LawDistribution = record.Law?.Distribution,
            LawParameters = record.Law?.Parameters,
            LawProcess = record.Law?.Process,
            LawProcessParameters = record.Law is { HasProcess: true } law ? law.ProcessParameters : null,
        };

    public static ForecastRecord ToCore(this ForecastEntry entry) =>
        new(entry.OriginDate, entry.VaR, entry.ES, entry.Mean, entry.Volatility, entry.FitStatus.ToCore(), entry.Refitted)
        {
            TargetDate = entry.TargetDate,
            Realized = entry.Realized,
            Pit = entry.Pit,
            Law = PredictiveLaw.FromParameters(entry.LawDistribution, entry.LawParameters, entry.LawProcess, entry.LawProcessParameters),
        };

    public static FitSummary ToMessage(this ModelFit fit, IReadOnlyList<string> parameterNames) =>
        new(fit.Status.ToMessage(), [.. parameterNames], fit.Parameters, fit.StandardErrors, fit.LogLikelihood,
            fit.Iterations, fit.Message);

    /// <summary>The Core fit of a fit summary (no blob: summaries do not carry it).</summary>
    public static ModelFit ToCore(this FitSummary fit) =>
        new(fit.Status.ToCore(), fit.Parameters, fit.StandardErrors, fit.LogLikelihood, fit.Iterations, fit.Message);

    public static TestReport ToMessage(this TestResult test) =>
        new(test.Test, test.Statistic, test.DegreesOfFreedom, [.. test.PValues.Select(p => new PValueReport(p.Method, p.Value))], test.Undefined);

    public static TestResult ToCore(this TestReport test) =>
        new(test.Test, test.Statistic, test.DegreesOfFreedom, [.. test.PValues.Select(p => new PValue(p.Method, p.Value))], test.Undefined);

    public static BaselZone ToMessage(this TrafficLightZone zone) => zone switch
    {
        TrafficLightZone.Green => BaselZone.Green,
        TrafficLightZone.Yellow => BaselZone.Yellow,
        TrafficLightZone.Red => BaselZone.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "unknown zone"),
    };

    public static BacktestReport ToMessage(this BacktestSummary s) =>
        new(s.Alpha, s.Observations, s.MissingForecasts, s.Exceptions, s.ExceptionRate, s.ViolationRatio,
            s.AverageVaR, s.AverageES, s.QuantileLoss,
            new TrafficLightReport(s.TrafficLight.Zone.ToMessage(), s.TrafficLight.Exceptions, s.TrafficLight.Days),
            [.. s.Tests.Select(t => t.ToMessage())]);

    public static TrafficLightZone ToCore(this BaselZone zone) => zone switch
    {
        BaselZone.Green => TrafficLightZone.Green,
        BaselZone.Yellow => TrafficLightZone.Yellow,
        BaselZone.Red => TrafficLightZone.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "unknown zone"),
    };

    /// <summary>The Core summary of a pair's backtest report (every double as the grain computed it).</summary>
    public static BacktestSummary ToCore(this BacktestReport r) =>
        new(r.Alpha, r.Observations, r.MissingForecasts, r.Exceptions, r.ExceptionRate, r.ViolationRatio,
            r.AverageVaR, r.AverageES, r.QuantileLoss,
            new TrafficLight(r.TrafficLight.Zone.ToCore(), r.TrafficLight.Exceptions, r.TrafficLight.Days),
            [.. r.Tests.Select(t => t.ToCore())]);
}
