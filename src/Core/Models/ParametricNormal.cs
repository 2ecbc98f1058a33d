using MathNet.Numerics.Statistics;
using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Models;

/// <summary>
/// Parametric normal VaR/ES: the window's sample mean μ and standard deviation σ (divisor n − 1).
/// For losses L = −r: VaR_α = −μ + σ·z_α and ES_α = −μ + σ·φ(z_α)/(1 − α); PIT = Φ((r − μ)/σ).
/// </summary>
public sealed class ParametricNormal : IRiskModel
{
    public string Name => "normal";

    public IReadOnlyList<string> ParameterNames => ["mu", "sigma"];

    public int MinimumObservations => 20;

    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        ArgumentNullException.ThrowIfNull(window);
        var returns = window.Returns.ToArray();
        if (WindowChecks.Problem(returns, 2) is { } problem)
        {
            return ModelFit.Failure($"{Name}: {problem}");
        }

        var (mu, sigma) = ArrayStatistics.MeanStandardDeviation(returns);
        var n = returns.Length;
        var logLikelihood = 0.0;
        foreach (var r in returns)
        {
            logLikelihood += StandardNormal.LogDensity((r - mu) / sigma);
        }

        logLikelihood -= n * Math.Log(sigma);
        double[] standardErrors = [sigma / Math.Sqrt(n), sigma / Math.Sqrt(2.0 * (n - 1))];
        return new ModelFit(FitStatus.Converged, [mu, sigma], standardErrors, logLikelihood, 0);
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        WindowChecks.CheckFit(fit, Name, 2);
        var (mu, sigma) = (fit.Parameters[0], fit.Parameters[1]);
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            result[k] = new RiskForecast(alpha, -mu + sigma * StandardNormal.Quantile(alpha),
                -mu + sigma * StandardNormal.ExpectedShortfall(alpha), mu, sigma);
        }

        return result;
    }

    public PredictiveLaw? Law(ModelWindow window, ModelFit fit, RiskForecast forecast) =>
        WindowChecks.IsUsableFit(fit, 2) ? PredictiveLaw.Normal(fit.Parameters[0], fit.Parameters[1]).IfUsable : null;

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn) =>
        WindowChecks.IsUsableFit(fit, 2) && double.IsFinite(realisedReturn)
            ? StandardNormal.Cdf((realisedReturn - fit.Parameters[0]) / fit.Parameters[1])
            : double.NaN;
}
