namespace RiskGrid.Core.Models;

/// <summary>
/// The outcome of <see cref="IRiskModel.Fit"/>: plain data (arrays and numbers) so that it can be
/// persisted as grain state and reused as a warm start.
/// </summary>
/// <param name="Status">How estimation ended.</param>
/// <param name="Parameters">Estimates in the order of <see cref="IRiskModel.ParameterNames"/>.</param>
/// <param name="StandardErrors">Standard errors (inverse Hessian of the log-likelihood), or null
/// where the model has none or the Hessian was not invertible.</param>
/// <param name="LogLikelihood">Maximised log-likelihood with all constants; NaN when not a likelihood model.</param>
/// <param name="Iterations">Optimiser iterations (0 for closed-form fits).</param>
/// <param name="Message">Diagnostics when the fit did not converge cleanly; null otherwise.</param>
/// <param name="Blob">Opaque model state that is not a parameter vector (e.g. LSTM weights as a
/// TorchSharp state dict); null for most models.</param>
public sealed record ModelFit(
    FitStatus Status,
    double[] Parameters,
    double[]? StandardErrors,
    double LogLikelihood,
    int Iterations,
    string? Message = null,
    byte[]? Blob = null)
{
    /// <summary>True when the parameters can be used to forecast.</summary>
    public bool IsUsable => Status != FitStatus.Failed;

    /// <summary>A fit that needs no estimation (e.g. historical simulation).</summary>
    public static ModelFit Empty { get; } = new(FitStatus.Converged, [], null, double.NaN, 0);

    public static ModelFit Failure(string message) => new(FitStatus.Failed, [], null, double.NaN, 0, message);
}
