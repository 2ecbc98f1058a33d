using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// A parametric GARCH-family risk model: a <see cref="VolatilityModel"/> fitted by maximum likelihood
/// (<see cref="GarchFitter"/>, warm-started from the previous fit), forecasting
/// VaR_α = −μ + σ_{T+1}·q_α and ES_α = −μ + σ_{T+1}·ES_α(z) with q and ES of the unit-variance innovation.
/// σ_{T+1} comes from filtering the current window through the fitted parameters, so a fit older than
/// the window still forecasts from the newest data.
/// </summary>
public sealed class VolatilityRiskModel : IRiskModel
{
    public VolatilityRiskModel(string name, VolatilityModel model)
    {
        Name = name;
        Model = model;
        _innovation = PredictiveLaw.KeyOf(model.Distribution);
        _process = PredictiveLaw.ProcessKeyOf(model.Process);
    }

    private readonly string _innovation;
    private readonly string? _process;

    // The last filtered forecast on this thread: a rolling pair asks for the PIT of yesterday's forecast with the window
    // and fit it was made from, and the filter over the window (EGARCH: two exponentials a return) is then the same.
    [ThreadStatic]
    private static LastForecast? t_last;

    private sealed class LastForecast
    {
        public object? Model;
        public double[] Parameters = [];
        public double[] Returns = [];
        public (double Mean, double Volatility) Result;
    }

    private static bool SameBits(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(b));

    /// <summary><see cref="VolatilityModel.Forecast"/>, or the same numbers from this thread's last call when the model,
    /// parameters and window are the same.</summary>
    private (double Mean, double Volatility) Filtered(ReadOnlySpan<double> returns, double[] parameters)
    {
        var last = t_last ??= new LastForecast();
        // Bit for bit (a vectorised compare; double's own equality goes element by element).
        if (ReferenceEquals(last.Model, this) && SameBits(parameters, last.Parameters) && SameBits(returns, last.Returns))
        {
            return last.Result;
        }

        var result = Model.Forecast(returns, parameters);
        last.Model = this;
        last.Parameters = (double[])parameters.Clone();
        if (last.Returns.Length != returns.Length)
        {
            last.Returns = new double[returns.Length];
        }

        returns.CopyTo(last.Returns);
        last.Result = result;
        return result;
    }

    public string Name { get; }

    public VolatilityModel Model { get; }

    public IReadOnlyList<string> ParameterNames => Model.ParameterNames;

    public int MinimumObservations => GarchFitter.MinimumObservations;

    public double FitCost => Model.RelativeCost;

    public ModelFit Fit(ModelWindow window, ModelFit? previous) => GarchFitter.Fit(Model, window.Returns.Span, previous);

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        if (!WindowChecks.IsUsableFit(fit, Model.ParameterCount))
        {
            return RiskForecast.Unavailable(alphas);
        }

        var (mean, volatility) = Filtered(window.Returns.Span, fit.Parameters);
        var shape = Model.DistributionParameters(fit.Parameters);
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            var (q, tail) = Model.Distribution.Tail(alpha, shape);
            result[k] = new RiskForecast(alpha, -mean + volatility * q, -mean + volatility * tail, mean, volatility);
        }

        return result;
    }

    /// <summary>μ + σ_{T+1}·Z with Z the fitted innovation (μ and σ_{T+1} those of the forecast), with its forecast map: the
    /// process (its key in <see cref="VolatilityParts.Processes"/>) and the fit's process parameters, so that the backtests'
    /// simulations recompute σ from a replicate's returns (<see cref="Backtesting.PredictiveLawSeries.DrawPath"/>).</summary>
    public PredictiveLaw? Law(ModelWindow window, ModelFit fit, RiskForecast forecast) =>
        WindowChecks.IsUsableFit(fit, Model.ParameterCount)
            ? new PredictiveLaw(_innovation, forecast.Mean, forecast.Volatility, Model.DistributionParameters(fit.Parameters).ToArray())
                .WithProcess(_process, Model.ProcessParameters(fit.Parameters).ToArray()).IfUsable
            : null;

    /// <summary>F((r − μ)/σ_{T+1}) with F the fitted innovation CDF.</summary>
    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn)
    {
        if (!WindowChecks.IsUsableFit(fit, Model.ParameterCount) || !double.IsFinite(realisedReturn))
        {
            return double.NaN;
        }

        var (mean, volatility) = Filtered(window.Returns.Span, fit.Parameters);
        return Model.Distribution.Cdf((realisedReturn - mean) / volatility, Model.DistributionParameters(fit.Parameters));
    }
}
