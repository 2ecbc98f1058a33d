using RiskGrid.Core.Models;

namespace RiskGrid.Benchmarks;

/// <summary>A model with its warm start removed (every fit cold), for timing comparisons only.</summary>
internal sealed class ColdStartModel(IRiskModel inner) : IRiskModel
{
    public string Name => inner.Name;

    public IReadOnlyList<string> ParameterNames => inner.ParameterNames;

    public int MinimumObservations => inner.MinimumObservations;

    public ModelFit Fit(ModelWindow window, ModelFit? previous) => inner.Fit(window, null);

    public RiskForecast[] Forecast(ModelWindow window, ModelFit fit, IReadOnlyList<double> alphas) =>
        inner.Forecast(window, fit, alphas);
}
