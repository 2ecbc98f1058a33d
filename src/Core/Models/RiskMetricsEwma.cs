using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Models;

/// <summary>
/// RiskMetrics EWMA: zero mean, σ²_{t+1} = λ·σ²_t + (1 − λ)·r²_t, normal quantiles:
/// VaR_α = σ·z_α, ES_α = σ·φ(z_α)/(1 − α), PIT = Φ(r/σ). λ is <see cref="ModelSettings.EwmaLambda"/> (0.94).
/// Initialisation: σ² starts at the mean of the window's squared returns (the zero-mean variance of
/// the whole window) and the recursion then runs over every return of the window, so the forecast
/// depends on the window alone, whatever was forecast before; the start carries weight λⁿ
/// (about 1e-27 for n = 1,000 and λ = 0.94).
/// </summary>
public sealed class RiskMetricsEwma : IRiskModel
{
    private readonly double _lambda;

    /// <summary>The settings this model declares in the catalogue.</summary>
    public static IReadOnlyList<ModelSetting> Settings { get; } =
    [
        ModelSetting.Double("ewma-lambda", "EWMA / RiskMetrics decay factor λ.", s => s.EwmaLambda, (s, v) => s with { EwmaLambda = v }, 0, 1),
    ];

    public RiskMetricsEwma(double lambda = 0.94)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "EWMA decay factor must be in (0, 1)");
        }

        _lambda = lambda;
    }

    public string Name => "ewma";

    public double Lambda => _lambda;

    public IReadOnlyList<string> ParameterNames => ["lambda"];

    public int MinimumObservations => 20;

    /// <summary>Nothing to estimate: λ is fixed. The fit records it and rejects unusable windows.</summary>
    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (WindowChecks.Problem(window.Returns.Span, 1) is { } problem)
        {
            return ModelFit.Failure($"{Name}: {problem}");
        }

        return new ModelFit(FitStatus.Converged, [_lambda], null, double.NaN, 0);
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(window);
        WindowChecks.CheckFit(fit, Name, 1);
        var sigma = Math.Sqrt(NextVariance(window.Returns.Span, _lambda));
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            result[k] = new RiskForecast(alpha, sigma * StandardNormal.Quantile(alpha),
                sigma * StandardNormal.ExpectedShortfall(alpha), 0, sigma);
        }

        return result;
    }

    /// <summary>The normal with mean 0 and the forecast's EWMA volatility, with its forecast map: the recursion is
    /// GARCH(1,1) with ω = 0, α = 1 − λ, β = λ (<see cref="PredictiveLaw.Process"/> <c>garch</c>).</summary>
    public PredictiveLaw? Law(ModelWindow window, ModelFit fit, RiskForecast forecast) =>
        WindowChecks.IsUsableFit(fit, 1) ? PredictiveLaw.Normal(0, forecast.Volatility).WithProcess("garch", [0, 1 - _lambda, _lambda]).IfUsable : null;

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn) =>
        WindowChecks.IsUsableFit(fit, 1) && double.IsFinite(realisedReturn) && window.Count > 0
            ? StandardNormal.Cdf(realisedReturn / Math.Sqrt(NextVariance(window.Returns.Span, _lambda)))
            : double.NaN;

    /// <summary>
    /// The EWMA variance forecast for the day after <paramref name="returns"/>: seeded with their
    /// mean square, then updated with each return in order.
    /// </summary>
    public static double NextVariance(ReadOnlySpan<double> returns, double lambda)
    {
        if (returns.Length == 0)
        {
            throw new ArgumentException("EWMA needs at least one return", nameof(returns));
        }

        var variance = 0.0;
        foreach (var r in returns)
        {
            variance += r * r;
        }

        variance /= returns.Length;
        foreach (var r in returns)
        {
            variance = lambda * variance + (1 - lambda) * r * r;
        }

        return variance;
    }
}
