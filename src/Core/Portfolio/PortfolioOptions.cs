namespace RiskGrid.Core.Portfolio;

/// <summary>A portfolio's weights (fractions of portfolio value, negative = short), joint window and levels.</summary>
public sealed record PortfolioOptions
{
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Joint days in the estimation window.</summary>
    public int Window { get; init; } = 250;

    public IReadOnlyList<double> Alphas { get; init; } = [0.95, 0.99];

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message for invalid options.</summary>
    public PortfolioOptions Validated()
    {
        if (Weights.Count == 0)
        {
            throw new ArgumentException("a portfolio needs at least one instrument");
        }

        foreach (var w in Weights)
        {
            if (!double.IsFinite(w))
            {
                throw new ArgumentException($"portfolio weights must be finite, got {w}");
            }
        }

        if (Weights.All(w => w == 0))
        {
            throw new ArgumentException("portfolio weights are all zero");
        }

        if (Window < 2)
        {
            throw new ArgumentException($"portfolio window must be at least 2 days, got {Window}");
        }

        if (Alphas.Count == 0 || Alphas.Any(a => !(a > 0 && a < 1)))
        {
            throw new ArgumentException($"confidence levels must be in (0, 1), got [{string.Join(", ", Alphas)}]");
        }

        return this;
    }
}
