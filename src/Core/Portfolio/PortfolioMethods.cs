namespace RiskGrid.Core.Portfolio;

/// <summary>Short names of the portfolio methods, as the grid and CLI use them.</summary>
public static class PortfolioMethods
{
    public static IReadOnlyList<PortfolioMethod> All { get; } =
        [PortfolioMethod.Historical, PortfolioMethod.FilteredHistorical, PortfolioMethod.VarianceCovariance];

    public static string Name(PortfolioMethod method) => method switch
    {
        PortfolioMethod.Historical => "hs",
        PortfolioMethod.FilteredHistorical => "fhs",
        PortfolioMethod.VarianceCovariance => "varcov",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Parses a short name; throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static PortfolioMethod Parse(string name) => name.ToLowerInvariant() switch
    {
        "hs" => PortfolioMethod.Historical,
        "fhs" => PortfolioMethod.FilteredHistorical,
        "varcov" => PortfolioMethod.VarianceCovariance,
        _ => throw new ArgumentException($"unknown portfolio method '{name}'; known methods: hs, fhs, varcov", nameof(name)),
    };
}
