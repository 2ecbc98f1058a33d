using MathNet.Numerics.Statistics;

namespace RiskGrid.Core.Models;

/// <summary>
/// Cornish–Fisher (modified) VaR and ES. The fit is the window's sample mean μ, standard deviation
/// σ (divisor n − 1), skewness S and excess kurtosis K (MathNet's bias-adjusted sample estimators,
/// as Excel's SKEW and KURT). Losses L = −r have skewness −S, so with w from
/// <see cref="CornishFisherExpansion"/>: VaR_α = −μ + σ·w(z_α; −S, K) and
/// ES_α = −μ + σ·(tail mean of w above z_α). Where the expansion is not increasing on the tail it is
/// shrunk towards the normal first (<see cref="CornishFisherExpansion.TailShrinkage"/>), so ES ≥ VaR always.
/// <para>
/// The PIT is P(R ≤ r) under the distribution the expansion implies, R = μ + σ·w(Z; S, K):
/// Φ(z) with w(z) = (r − μ)/σ (<see cref="CornishFisherExpansion.Cdf"/>). That is a distribution only where w
/// increases on the whole line (the domain of validity, <see cref="CornishFisherExpansion.IsMonotone"/>); there its
/// quantiles are the forecast VaRs at every level, so a day is an exception exactly when its PIT is below 1 − α.
/// Outside it the per-level tail shrinkage of the VaRs is no single distribution, and the PIT uses the closest valid
/// one on the same path, (S, K) shrunk by <see cref="CornishFisherExpansion.Shrinkage"/> (K ≤ 0: the normal).
/// </para>
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

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn)
    {
        if (!WindowChecks.IsUsableFit(fit, 4) || !double.IsFinite(realisedReturn))
        {
            return double.NaN;
        }

        var (mu, sigma, skewness, excessKurtosis) = (fit.Parameters[0], fit.Parameters[1], fit.Parameters[2], fit.Parameters[3]);
        var t = CornishFisherExpansion.Shrinkage(skewness, excessKurtosis);
        return CornishFisherExpansion.Cdf((realisedReturn - mu) / sigma, t * skewness, t * excessKurtosis);
    }
}
