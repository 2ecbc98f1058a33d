using RiskGrid.Core.Data;

namespace RiskGrid.Core.Engine;

/// <summary>Options of a rolling forecast run, shared by the batch engine and the grid's grains.</summary>
public sealed record RollingOptions
{
    /// <summary>Returns in the estimation window.</summary>
    public int Window { get; init; } = 1000;

    /// <summary>Refit every this many forecasts (1 = daily); forecasts in between reuse the last fit.</summary>
    public int RefitEvery { get; init; } = 1;

    /// <summary>Confidence levels of VaR and ES, e.g. 0.95 and 0.99.</summary>
    public IReadOnlyList<double> Alphas { get; init; } = [0.95, 0.99];

    public ReturnKind ReturnKind { get; init; } = ReturnKind.Simple;

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message for invalid options.</summary>
    public RollingOptions Validated()
    {
        if (Window < 2)
        {
            throw new ArgumentException($"window must be at least 2 returns, got {Window}");
        }

        if (RefitEvery < 1)
        {
            throw new ArgumentException($"refit interval must be at least 1 day, got {RefitEvery}");
        }

        if (Alphas.Count == 0)
        {
            throw new ArgumentException("at least one confidence level is needed");
        }

        foreach (var a in Alphas)
        {
            if (!(a > 0 && a < 1))
            {
                throw new ArgumentException($"confidence level must be in (0, 1), got {a}");
            }
        }

        return this;
    }
}
