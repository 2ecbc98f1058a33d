namespace RiskGrid.Core.Models;

/// <summary>
/// A one-step-ahead VaR/ES model. A model is stateless: <see cref="Fit"/> returns everything it
/// learned as a <see cref="ModelFit"/> (plain data, so a grain can persist it), and
/// <see cref="Forecast"/> turns a fit plus the current window into a forecast for the next day.
/// The fit may be older than the window (refit every k days): forecasting filters the newest data
/// through the fitted parameters.
/// </summary>
public interface IRiskModel
{
    /// <summary>Catalogue name, e.g. <c>garch-t</c> (see <see cref="ModelCatalog"/>).</summary>
    string Name { get; }

    /// <summary>Names of <see cref="ModelFit.Parameters"/>, in order; empty for non-parametric models.</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Fewest returns the window must hold for a fit.</summary>
    int MinimumObservations { get; }

    /// <summary>
    /// Bars of history the model needs before the window's first return (e.g. indicator warm-up
    /// for feature-based models). The rolling pair keeps window + this many bars.
    /// </summary>
    int HistoryPadding => 0;

    /// <summary>A model-specific refit interval in days (e.g. the LSTM's retrain period) that
    /// overrides <see cref="Engine.RollingOptions.RefitEvery"/>; null to use the engine's.</summary>
    int? RefitInterval => null;

    /// <summary>
    /// True when estimation is heavy enough to want an accelerator (a GPU). The grid then runs this
    /// model's fits on a silo that declared a GPU, when one did, instead of beside the pair; forecasts
    /// always run with the pair. The result must not depend on where the fit runs (same code, same inputs).
    /// </summary>
    bool WantsAccelerator => false;

    /// <summary>
    /// Rough cost of one fit relative to a warm-started GARCH(1,1)-normal refit, for scheduling only: the batch engine
    /// starts the costliest pairs first, so that a heavy pair started last does not run on alone while the other cores
    /// idle. It never changes a result.
    /// </summary>
    double FitCost => 1;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the model cannot forecast at one of the levels
    /// (e.g. a network trained for a fixed range of levels). Called once when a pair is created, so a
    /// run fails before any work rather than midway.
    /// </summary>
    void ValidateLevels(IReadOnlyList<double> alphas)
    {
    }

    /// <summary>
    /// Estimates the model on the window. <paramref name="previous"/> is the last fit of the same
    /// pair (a warm start), or null. Estimation problems come back as a status, never as an exception.
    /// </summary>
    ModelFit Fit(ModelWindow window, ModelFit? previous);

    /// <summary>
    /// VaR and ES for the day after the window's last day at each level in <paramref name="alphas"/>
    /// (e.g. 0.99), using <paramref name="fit"/>. VaR and ES are positive losses, in percent.
    /// </summary>
    RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas);

    /// <summary>
    /// The probability integral transform of <paramref name="realisedReturn"/>, the return (percent) of the day
    /// after the window: P(R ≤ r | window, fit) under the model's predictive distribution, in [0, 1]. NaN when
    /// the model has no predictive distribution (the LSTM forecasts quantiles only) or the fit is not usable. Empirical
    /// laws (historical simulation, FHS, the body of GARCH-EVT) give the randomised rank PIT (<see cref="RankPit"/>),
    /// uniform on exchangeable data and never 0 or 1, instead of their CDF's value, which is 0 below the sample's lowest point.
    /// Under a correct model PITs are i.i.d. uniform.
    /// </summary>
    double Pit(ModelWindow window, ModelFit fit, double realisedReturn) => double.NaN;

    /// <summary>
    /// The predictive law of the day after the window, whose VaR and ES <paramref name="forecast"/> (one of
    /// <see cref="Forecast"/>'s, made from the same window and fit) gives, as a location-scale law the forecast record
    /// carries, so that the ES backtests can simulate from the model; null (the default) for models whose law is empirical
    /// or not a distribution (historical simulation, FHS, GARCH-EVT, Cornish–Fisher outside its domain, the LSTM) and for
    /// unusable fits.
    /// </summary>
    PredictiveLaw? Law(ModelWindow window, ModelFit fit, RiskForecast forecast) => null;
}
