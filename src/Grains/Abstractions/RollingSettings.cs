namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The rolling options every pair of a universe shares: the estimation window, the refit interval,
/// the VaR/ES levels recorded with each forecast, the return calculation and the model settings.
/// </summary>
/// <param name="Window">Returns in the estimation window.</param>
/// <param name="RefitEvery">Refit every this many forecasts (1 = daily).</param>
/// <param name="Alphas">Confidence levels recorded with every forecast, e.g. 0.95 and 0.99.</param>
/// <param name="Returns">Simple or log returns.</param>
/// <param name="ModelSettings">The model settings that differ from their defaults, by catalogue name (null or
/// empty for none). Id 4 (the settings as a JSON string) is retired.</param>
/// <param name="EsrMonteCarlo">Whether the pairs' battery also gives the strict and auxiliary ESR tests their opt-in Monte Carlo
/// p-value (Core's <c>BacktestOptions.EsrMonteCarlo</c>, <c>--esr-mc</c>); state written before it reads as false.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.RollingSettings")]
public sealed record RollingSettings(
    [property: Id(0)] int Window,
    [property: Id(1)] int RefitEvery,
    [property: Id(2)] double[] Alphas,
    [property: Id(3)] ReturnCalculation Returns = ReturnCalculation.Simple,
    [property: Id(5)] SettingValue[]? ModelSettings = null,
    [property: Id(6)] bool EsrMonteCarlo = false)
{
    /// <summary>True when <paramref name="other"/> describes the same options (levels compared exactly).</summary>
    public bool SameAs(RollingSettings other) =>
        Window == other.Window && RefitEvery == other.RefitEvery && Returns == other.Returns && EsrMonteCarlo == other.EsrMonteCarlo &&
        Alphas.AsSpan().SequenceEqual(other.Alphas) &&
        (ModelSettings ?? []).AsSpan().SequenceEqual(other.ModelSettings ?? []);

    /// <summary>A one-line description for error messages.</summary>
    public override string ToString() =>
        $"window {Window}, refit every {RefitEvery}, levels {string.Join("/", Alphas.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)))}, " +
        $"{Returns.ToString().ToLowerInvariant()} returns{(ModelSettings is { Length: > 0 } m ? $", {string.Join(", ", m.Select(v => v.ToString()))}" : "")}" +
        (EsrMonteCarlo ? ", esr-mc" : "");
}
