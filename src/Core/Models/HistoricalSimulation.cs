namespace RiskGrid.Core.Models;

/// <summary>
/// Plain historical simulation: VaR is the empirical α-quantile of the window's losses and ES the
/// mean of the losses at or beyond it. Quantile convention: <see cref="EmpiricalQuantile"/> (R type 7).
/// The predictive distribution is the window's empirical distribution with that convention: the PIT is
/// <see cref="EmpiricalQuantile.CumulativeProbability"/> of the window's returns (linear between order
/// statistics, mid-jump at ties, 0 below the window's lowest return and 1 above its highest), so a day is an
/// exception exactly when its PIT is below 1 − α.
/// </summary>
public sealed class HistoricalSimulation : IRiskModel
{
    public string Name => "hs";

    public IReadOnlyList<string> ParameterNames => [];

    public int MinimumObservations => 20;

    public ModelFit Fit(ModelWindow window, ModelFit? previous) => ModelFit.Empty;

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas)
    {
        var losses = window.Returns.ToArray();
        for (var i = 0; i < losses.Length; i++)
        {
            losses[i] = -losses[i];
        }

        Array.Sort(losses);
        var result = new RiskForecast[alphas.Count];
        for (var k = 0; k < alphas.Count; k++)
        {
            var (var, es) = EmpiricalQuantile.TailOfSorted(losses, alphas[k]);
            result[k] = new RiskForecast(alphas[k], var, es, double.NaN, double.NaN);
        }

        return result;
    }

    public double Pit(ModelWindow window, ModelFit fit, double realisedReturn) =>
        window.Count >= 2 && double.IsFinite(realisedReturn)
            ? EmpiricalQuantile.CumulativeProbability(window.Returns.Span, realisedReturn)
            : double.NaN;
}
