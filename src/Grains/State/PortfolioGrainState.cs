using RiskGrid.Core.Portfolio;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.State;

/// <summary>The persisted state of a portfolio: its definition, its read position in each member pair,
/// and the Core <see cref="PortfolioState"/>.</summary>
[GenerateSerializer, Alias("riskgrid.PortfolioGrainState")]
public sealed class PortfolioGrainState
{
    [Id(0)] public PortfolioDefinition? Definition { get; set; }

    [Id(1)] public List<MemberFeed> Members { get; set; } = [];

    [Id(2)] public PortfolioState Portfolio { get; set; } = new();

    /// <summary>See <see cref="StateVersions.Portfolio"/>; 0 for state written before versioning.</summary>
    [Id(3)] public int Version { get; set; }
}
