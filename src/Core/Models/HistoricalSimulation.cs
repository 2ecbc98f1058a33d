namespace RiskGrid.Core.Models;

/// <summary>
/// Plain historical simulation: VaR is the empirical α-quantile of the window's losses and ES the
/// mean of the losses at or beyond it. Quantile convention: <see cref="EmpiricalQuantile"/> (R type 7).
/// The PIT is the randomised rank of the day's return among the window's (<see cref="RankPit"/>): exactly uniform
/// when the returns are exchangeable, never 0 or 1 (the window's type-7 CDF would be 0 below its lowest return, on
/// 1/(n + 1) of i.i.d. days). It lies in the rank cell (k/(n + 1), (k + 1)/(n + 1)) of the k window returns below the
/// day's, so PIT and exceptions agree except in the cell or two around 1 − α where the VaR interpolates.
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
            ? RankPit.Of(window.Returns.Span, realisedReturn)
            : double.NaN;
}
