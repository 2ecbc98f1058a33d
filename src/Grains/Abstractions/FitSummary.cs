namespace RiskGrid.Grains.Abstractions;

/// <summary>The last usable fit of a pair: parameters by name, standard errors and diagnostics.</summary>
[GenerateSerializer, Immutable, Alias("riskgrid.FitSummary")]
public sealed record FitSummary(
    [property: Id(0)] FitOutcome Status,
    [property: Id(1)] string[] ParameterNames,
    [property: Id(2)] double[] Parameters,
    [property: Id(3)] double[]? StandardErrors,
    [property: Id(4)] double LogLikelihood,
    [property: Id(5)] int Iterations,
    [property: Id(6)] string? Message);
