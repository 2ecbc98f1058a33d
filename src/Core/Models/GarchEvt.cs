using RiskGrid.Core.Distributions;
using RiskGrid.Core.Volatility;

namespace RiskGrid.Core.Models;

/// <summary>
/// GARCH-EVT (McNeil and Frey 2000): a GJR or GARCH filter fitted by Gaussian QML turns the window into
/// standardised residual losses y_t = −(r_t − μ)/σ_t; a generalised Pareto distribution is fitted by maximum
/// likelihood to the excesses y − u over the threshold u, the <see cref="ModelSettings.EvtThreshold"/> empirical
/// quantile of y (default 0.90, R type 7); then VaR_α = −μ + σ_{T+1}·VaR_α(y) and ES likewise, with the tail
/// estimators of <see cref="GeneralizedPareto.Tail"/>. Levels whose tail 1 − α is wider than the share of
/// excesses use the residuals' empirical tail, as filtered historical simulation does. A tail fit that fails
/// (too few excesses, no maximum, ξ ≥ 1 so that ES is infinite) fails the fit with a message saying so.
/// <para>
/// The PIT at the day's standardised loss y = −(r − μ)/σ_{T+1}: above the threshold u the GPD tail's CDF,
/// P(R ≤ r) = P(Y ≥ y) = p_u·(1 + ξ(y − u)/β)^(−1/ξ) (continuous, so uniform under the model; it gives PIT = 1 − α
/// exactly at the tail levels' VaR). Where the law is empirical or has run out, the randomised rank PIT
/// (<see cref="RankPit"/>) of y among the window's residual losses on that side of u, scaled into that side's share, as
/// historical simulation's: at and below u (the empirical body) p_u + (1 − p_u)·(its rank among the losses at most u),
/// uniform on (p_u, 1) when the day and the body's residuals are exchangeable, never 1; beyond the tail's end
/// u + β/|ξ| when ξ &lt; 0 (where the GPD's CDF is 0: the fitted law calls the loss impossible, while a loss beyond the
/// window's largest happens on about 1/(n + 1) of exchangeable days) p_u·(its rank among the losses above u), in
/// (0, p_u/(n_u + 1)) when it exceeds all n_u of them, instead of 0, which the PIT tests read as a normal score near −37.
/// </para>
/// </summary>
public sealed class GarchEvt : IRiskModel
{
    /// <summary>Fewest excesses over the threshold for a tail fit.</summary>
    public const int MinExceedances = 10;

    /// <summary>The settings this model declares in the catalogue.</summary>
    public static IReadOnlyList<ModelSetting> Settings { get; } =
    [
        ModelSetting.Double("evt-threshold", "GARCH-EVT: threshold of the GPD tail fit, as a quantile of the standardised losses.",
            s => s.EvtThreshold, (s, v) => s with { EvtThreshold = v }, 0.5, 1),
    ];

    private readonly VolatilityModel _filter;
    private readonly double _threshold;

    public GarchEvt(string name, VolatilityModel filter, double threshold = 0.90)
    {
        if (!(threshold > 0.5 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the EVT threshold is a loss quantile in (0.5, 1)");
        }

        Name = name;
        _filter = filter;
        _threshold = threshold;
        ParameterNames = [.. filter.ParameterNames, "xi", "gpd_beta", "threshold", "tail_share"];
    }

    public string Name { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    public int MinimumObservations => Math.Max(GarchFitter.MinimumObservations, (int)Math.Ceiling(MinExceedances / (1 - _threshold)) + 1);

    private int FilterCount => _filter.ParameterCount;

    public ModelFit Fit(ModelWindow window, ModelFit? previous)
    {
        var returns = window.Returns.Span;
        var warm = previous is { IsUsable: true } && previous.Parameters.Length == ParameterNames.Count
            ? previous with { Parameters = previous.Parameters[..FilterCount], StandardErrors = null }
            : null;
        var filter = GarchFitter.Fit(_filter, returns, warm);
        if (!filter.IsUsable)
        {
            return filter;
        }

        var losses = StandardisedLosses(returns, filter.Parameters, out _);
        Array.Sort(losses);
        var u = EmpiricalQuantile.QuantileOfSorted(losses, _threshold);
        var excesses = losses.Where(y => y > u).Select(y => y - u).ToArray();
        if (excesses.Length < MinExceedances)
        {
            return ModelFit.Failure($"GPD tail fit: {excesses.Length} standardised losses exceed the {_threshold:0.###} quantile; need {MinExceedances}");
        }

        if (GeneralizedPareto.FitMaximumLikelihood(excesses) is not { } tail)
        {
            return ModelFit.Failure("GPD tail fit: no maximum of the likelihood");
        }

        if (!(tail.Shape < 1))
        {
            return ModelFit.Failure($"GPD tail fit: xi = {tail.Shape:G4} ≥ 1, so the expected shortfall is infinite");
        }

        double[] parameters = [.. filter.Parameters, tail.Shape, tail.Scale, u, (double)excesses.Length / losses.Length];
        double[]? errors = filter.StandardErrors is { } se ? [.. se, tail.ShapeSe, tail.ScaleSe, double.NaN, double.NaN] : null;
        var status = filter.Status;
        var message = filter.Message;
        if (tail.AtBound)
        {
            status = status == FitStatus.Converged ? FitStatus.ConvergedAtBound : status;
            message = string.Join("; ", new[] { message, $"GPD xi at its lower bound {GeneralizedPareto.MinShape}" }.Where(m => m is not null));
        }

        return new ModelFit(status, parameters, errors, filter.LogLikelihood, filter.Iterations, message, filter.Blob);
    }

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        if (!WindowChecks.IsUsableFit(fit, ParameterNames.Count))
        {
            return RiskForecast.Unavailable(alphas);
        }

        var p = fit.Parameters;
        var (xi, beta, u, share) = (p[FilterCount], p[FilterCount + 1], p[FilterCount + 2], p[FilterCount + 3]);
        var losses = StandardisedLosses(window.Returns.Span, p.AsSpan(0, FilterCount), out var volatility);
        var mean = p[0];
        double[]? sorted = null;
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var alpha = alphas[k];
            double q, es;
            if (1 - alpha <= share)
            {
                (q, es) = GeneralizedPareto.Tail(alpha, u, share, xi, beta);
            }
            else
            {
                if (sorted is null)
                {
                    sorted = losses;
                    Array.Sort(sorted);
                }

                (q, es) = EmpiricalQuantile.TailOfSorted(sorted, alpha);
            }

            result[k] = new RiskForecast(alpha, -mean + volatility * q, -mean + volatility * es, mean, volatility);
        }

        return result;
    }

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn)
    {
        if (!WindowChecks.IsUsableFit(fit, ParameterNames.Count) || !double.IsFinite(realisedReturn) || window.Count < 2)
        {
            return double.NaN;
        }

        var p = fit.Parameters;
        var (xi, beta, u, share) = (p[FilterCount], p[FilterCount + 1], p[FilterCount + 2], p[FilterCount + 3]);
        var losses = StandardisedLosses(window.Returns.Span, p.AsSpan(0, FilterCount), out var volatility);
        var y = -(realisedReturn - p[0]) / volatility;
        if (y <= u)
        {
            return Math.Min(share + (1 - share) * RankPit.OfLoss(losses, y, atMost: u), RankPit.BelowOne);
        }

        var tail = share * GeneralizedPareto.Survival(y - u, xi, beta);
        return tail > 0 ? tail : share * RankPit.OfLoss(losses, y, above: u);
    }

    // y_t = −(r_t − μ)/σ_t over the window, and σ_{T+1}.
    private double[] StandardisedLosses(ReadOnlySpan<double> returns, ReadOnlySpan<double> parameters, out double volatility)
    {
        var variance = new double[returns.Length + 1];
        _filter.ConditionalVariance(returns, parameters, variance);
        var losses = new double[returns.Length];
        for (var t = 0; t < returns.Length; t++)
        {
            losses[t] = -(returns[t] - parameters[0]) / Math.Sqrt(variance[t]);
        }

        volatility = Math.Sqrt(variance[^1]);
        return losses;
    }
}
