namespace RiskGrid.Core.Models;

/// <summary>
/// Checks the parametric models share: before estimating, enough returns, all finite, some dispersion;
/// before forecasting, a usable fit of the model's own shape.
/// </summary>
internal static class WindowChecks
{
    /// <summary>A description of what makes <paramref name="returns"/> unusable, or null when it is usable.</summary>
    public static string? Problem(ReadOnlySpan<double> returns, int minimum)
    {
        if (returns.Length < minimum)
        {
            return $"needs at least {minimum} returns, got {returns.Length}";
        }

        var allEqual = true;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsFinite(returns[i]))
            {
                return $"return {i + 1} of the window is not finite ({returns[i]})";
            }

            allEqual &= returns[i] == returns[0];
        }

        return allEqual ? "all returns in the window are equal (no dispersion to estimate)" : null;
    }

    /// <summary>Whether <paramref name="fit"/> did not fail and has the model's number of parameters.</summary>
    public static bool IsUsableFit(ModelFit fit, int parameterCount) => fit.IsUsable && fit.Parameters.Length == parameterCount;

    /// <summary>Throws when a fit handed to Forecast is not one of this model's usable fits.</summary>
    public static void CheckFit(ModelFit fit, string model, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!IsUsableFit(fit, parameterCount))
        {
            throw new ArgumentException(
                $"{model} needs a usable fit with {parameterCount} parameters, got {fit.Status} with {fit.Parameters.Length}", nameof(fit));
        }
    }
}
