using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Training;

/// <summary>The outcome of <see cref="IModelTrainingGrain.FitAsync"/>.</summary>
/// <param name="Fit">The fit, exactly as a local estimation would give it.</param>
/// <param name="Duration">Wall time of the estimation on the training silo (the network hop excluded).</param>
/// <param name="Silo">The silo it ran on.</param>
/// <param name="Gpu">Whether that silo declared a GPU.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.TrainingResult")]
public sealed record TrainingResult(
    [property: Id(0)] ModelFit Fit,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] SiloAddress Silo,
    [property: Id(3)] bool Gpu);
