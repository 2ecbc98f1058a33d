using RiskGrid.Core.Models;

namespace RiskGrid.Grains.Surrogates;

[RegisterConverter]
public sealed class ModelFitSurrogateConverter : IConverter<ModelFit, ModelFitSurrogate>
{
    public ModelFit ConvertFromSurrogate(in ModelFitSurrogate surrogate) =>
        new((FitStatus)surrogate.Status, surrogate.Parameters, surrogate.StandardErrors, surrogate.LogLikelihood,
            surrogate.Iterations, surrogate.Message, surrogate.Blob);

    public ModelFitSurrogate ConvertToSurrogate(in ModelFit value) => new()
    {
        Status = (int)value.Status,
        Parameters = value.Parameters,
        StandardErrors = value.StandardErrors,
        LogLikelihood = value.LogLikelihood,
        Iterations = value.Iterations,
        Message = value.Message,
        Blob = value.Blob,
    };
}
