namespace RiskGrid.Grains.Training;

/// <summary>
/// Estimates the models that want an accelerator (<see cref="Core.Models.IRiskModel.WantsAccelerator"/>, the
/// LSTM) for a pair, keyed like the pair (<c>"{instrument}/{model}"</c>). Its activations are placed on silos
/// that declared a GPU when any did (<see cref="Placement.PreferGpuPlacementFilterAttribute"/>), on any silo
/// otherwise. Silo-internal: only pair grains call it, with Core types that the grid's surrogates carry
/// bit for bit, so it lives with the grains rather than in the client-facing Abstractions.
/// </summary>
[Alias("riskgrid.IModelTrainingGrain")]
public interface IModelTrainingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Fits the model on the window, exactly as the pair would have (same code, same inputs), and says
    /// where it ran. Estimation problems come back as a failed fit, as in the pair.
    /// </summary>
    Task<TrainingResult> FitAsync(TrainingRequest request);
}
