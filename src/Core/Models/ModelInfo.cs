namespace RiskGrid.Core.Models;

/// <summary>One catalogue entry as <c>riskgrid models</c> lists it.</summary>
/// <param name="Name">Catalogue name.</param>
/// <param name="Description">What the model is, in a line.</param>
/// <param name="ParameterNames">Its fitted parameters, in order (empty for non-parametric models).</param>
/// <param name="IsDefault">True when the benchmark runs it when no models are named.</param>
/// <param name="Trained">True when it trains a network (runs only when named).</param>
public sealed record ModelInfo(string Name, string Description, IReadOnlyList<string> ParameterNames, bool IsDefault, bool Trained);
