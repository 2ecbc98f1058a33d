using RiskGrid.Core.Distributions;

namespace RiskGrid.Core.Models;

/// <summary>
/// Parametric Student-t VaR/ES: r = μ + σ·z with z a unit-variance Student-t, (μ, σ, ν) by maximum
/// likelihood on the window (σ is the standard deviation; ν bounded to [2.1, 100], see
/// <see cref="StudentTLocationScale"/>). ν on a bound is <see cref="FitStatus.ConvergedAtBound"/>
/// (at 100 the window is indistinguishable from normal); no standard errors are given then.
/// VaR_α = −μ + σ·q_α(ν), ES_α = −μ + σ·ES_α(ν) of the unit-variance t; PIT = F_ν((r − μ)/σ), F_ν its CDF.
/// </summary>
public sealed class ParametricStudentT : IRiskModel
{
    public string Name => "student-t";

    public IReadOnlyList<string> ParameterNames => ["mu", "sigma", "nu"];

    public int MinimumObservations => 20;

    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        ArgumentNullException.ThrowIfNull(window);
        var returns = window.Returns.ToArray();
        if (WindowChecks.Problem(returns, 3) is { } problem)
        {
            return ModelFit.Failure($"{Name}: {problem}");
        }

        var e = StudentTLocationScale.Fit(returns);
        if (!(double.IsFinite(e.Mu) && e.Sigma > 0 && double.IsFinite(e.Sigma) && double.IsFinite(e.LogLikelihood)))
        {
            return ModelFit.Failure($"{Name}: maximum likelihood gave no finite estimate (mu {e.Mu}, sigma {e.Sigma}, nu {e.Nu})");
        }

        var (status, message) = (e.Converged, e.Bound) switch
        {
            (false, _) => (FitStatus.NotConverged, $"{Name}: iteration limit reached; best estimate kept"),
            (true, 1) => (FitStatus.ConvergedAtBound, $"{Name}: nu at its upper bound {StudentTLocationScale.MaxNu} (tails look normal)"),
            (true, -1) => (FitStatus.ConvergedAtBound, $"{Name}: nu at its lower bound {StudentTLocationScale.MinNu}"),
            _ => (FitStatus.Converged, null),
        };
        return new ModelFit(status, [e.Mu, e.Sigma, e.Nu], e.StandardErrors, e.LogLikelihood, e.Evaluations, message);
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        WindowChecks.CheckFit(fit, Name, 3);
        var (mu, sigma, nu) = (fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]);
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            result[k] = new RiskForecast(alpha, -mu + sigma * StandardizedStudentT.Quantile(alpha, nu),
                -mu + sigma * StandardizedStudentT.ExpectedShortfall(alpha, nu), mu, sigma);
        }

        return result;
    }

    public PredictiveLaw? Law(ModelWindow window, ModelFit fit, RiskForecast forecast) =>
        WindowChecks.IsUsableFit(fit, 3)
            ? new PredictiveLaw(PredictiveLaw.StudentTKey, fit.Parameters[0], fit.Parameters[1], [fit.Parameters[2]]).IfUsable
            : null;

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn) =>
        WindowChecks.IsUsableFit(fit, 3) && double.IsFinite(realisedReturn)
            ? StandardizedStudentT.Cdf((realisedReturn - fit.Parameters[0]) / fit.Parameters[1], fit.Parameters[2])
            : double.NaN;
}
