using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.State;

/// <summary>The persisted registry and progress of a universe.</summary>
[GenerateSerializer, Alias("riskgrid.UniverseGrainState")]
public sealed class UniverseGrainState
{
    [Id(0)] public RollingSettings? Settings { get; set; }

    [Id(1)] public List<string> Models { get; set; } = [];

    [Id(2)] public List<string> Instruments { get; set; } = [];

    [Id(3)] public List<string> Portfolios { get; set; } = [];

    /// <summary>True once any pair of the universe holds a price (settings and models are then fixed).
    /// Progress itself is always read from the pairs, which are the truth even after a failover.</summary>
    [Id(4)] public bool HasPrices { get; set; }

    /// <summary>See <see cref="StateVersions.Universe"/>; 0 for state written before versioning.</summary>
    [Id(5)] public int Version { get; set; }
}
