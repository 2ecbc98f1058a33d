namespace RiskGrid.Core.Models;

/// <summary>Estimation as every caller of <see cref="IRiskModel.Fit"/> runs it.</summary>
public static class RiskModelFitting
{
    /// <summary>
    /// <see cref="IRiskModel.Fit"/>, with an exception that escapes the model (a bug in that model: fits
    /// report problems as a status) turned into a failed fit, so that a rolling run records it and carries
    /// on rather than losing every other pair's work. The rolling pair and the grid's training grains both
    /// fit through this, so a fit estimated on another silo equals the local one, failures included.
    /// </summary>
    public static ModelFit FitSafely(this IRiskModel model, ModelWindow window, ModelFit? previous)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return model.Fit(window, previous);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or InvalidOperationException)
        {
            return ModelFit.Failure($"{model.Name} fit threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
