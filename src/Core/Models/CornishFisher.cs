using MathNet.Numerics.Statistics;

namespace RiskGrid.Core.Models;

/// <summary>
/// Cornish–Fisher (modified) VaR and ES. The fit is the window's sample mean μ, standard deviation
/// σ (divisor n − 1), skewness S and excess kurtosis K (MathNet's bias-adjusted sample estimators,
/// as Excel's SKEW and KURT). Losses L = −r have skewness −S, so with w from
/// <see cref="CornishFisherExpansion"/>: VaR_α = −μ + σ·w(z_α; −S, K) and
/// ES_α = −μ + σ·(tail mean of w above z_α). Where the expansion is not increasing on the tail it is
/// shrunk towards the normal first (<see cref="CornishFisherExpansion.TailShrinkage"/>), so ES ≥ VaR always.
/// </summary>
public sealed class CornishFisher : IRiskModel
{
    public string Name => "cornish-fisher";

    public IReadOnlyList<string> ParameterNames => ["mu", "sigma", "skewness", "excess_kurtosis"];

    public int MinimumObservations => 20;

    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        ArgumentNullException.ThrowIfNull(window);
        var returns = window.Returns.ToArray();
        if (WindowChecks.Problem(returns, 4) is { } problem)
        {
            return ModelFit.Failure($"{Name}: {problem}");
        }

        var moments = new DescriptiveStatistics(returns);
        double[] parameters = [moments.Mean, moments.StandardDeviation, moments.Skewness, moments.Kurtosis];
        if (!parameters.All(double.IsFinite))
        {
            return ModelFit.Failure($"{Name}: sample moments are not finite");
        }

        return new ModelFit(FitStatus.Converged, parameters, null, double.NaN, 0);
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        WindowChecks.CheckFit(fit, Name, 4);
        var (mu, sigma) = (fit.Parameters[0], fit.Parameters[1]);
        var lossSkewness = -fit.Parameters[2];
        var excessKurtosis = fit.Parameters[3];
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            var t = CornishFisherExpansion.TailShrinkage(alpha, lossSkewness, excessKurtosis);
            var (s, kurt) = (t * lossSkewness, t * excessKurtosis);
            var z = Distributions.StandardNormal.Quantile(alpha);
            result[k] = new RiskForecast(alpha,
                -mu + sigma * CornishFisherExpansion.Quantile(z, s, kurt),
                -mu + sigma * CornishFisherExpansion.TailMean(alpha, s, kurt),
                mu, sigma);
        }

        return result;
    }
}
