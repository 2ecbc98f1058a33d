namespace RiskGrid.Core.Portfolio;

/// <summary>Short names of the portfolio methods, as the grid and CLI use them.</summary>
public static class PortfolioMethods
{
    public static IReadOnlyList<PortfolioMethod> All { get; } =
        [PortfolioMethod.Historical, PortfolioMethod.FilteredHistorical, PortfolioMethod.VarianceCovariance, PortfolioMethod.Dcc];

    public static string Name(PortfolioMethod method) => method switch
    {
        PortfolioMethod.Historical => "hs",
        PortfolioMethod.FilteredHistorical => "fhs",
        PortfolioMethod.VarianceCovariance => "varcov",
        PortfolioMethod.Dcc => "dcc",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Parses a short name; throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static PortfolioMethod Parse(string name) => name.ToLowerInvariant() switch
    {
        "hs" => PortfolioMethod.Historical,
        "fhs" => PortfolioMethod.FilteredHistorical,
        "varcov" => PortfolioMethod.VarianceCovariance,
        "dcc" => PortfolioMethod.Dcc,
        _ => throw new ArgumentException($"unknown portfolio method '{name}'; known methods: hs, fhs, varcov, dcc", nameof(name)),
    };
}
