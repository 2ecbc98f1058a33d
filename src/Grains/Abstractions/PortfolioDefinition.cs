namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// A weighted set of instruments whose risk is measured with one model's forecasts: the model supplies
/// each instrument's conditional mean and volatility (for filtered simulation and the
/// variance–covariance route); the joint window is <see cref="Window"/> common trading days.
/// </summary>
[GenerateSerializer, Immutable, Alias("riskgrid.PortfolioDefinition")]
public sealed record PortfolioDefinition(
    [property: Id(0)] string Model,
    [property: Id(1)] PortfolioWeight[] Weights,
    [property: Id(2)] int Window,
    [property: Id(3)] double[] Alphas,
    [property: Id(4)] ReturnCalculation Returns = ReturnCalculation.Simple);
