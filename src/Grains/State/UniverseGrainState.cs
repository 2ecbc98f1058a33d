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

    /// <summary>Last date each instrument has reached.</summary>
    [Id(4)] public Dictionary<string, DateOnly> LastDates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Prices accepted per instrument, summed.</summary>
    [Id(5)] public long PricesAccepted { get; set; }

    /// <summary>Pair updates done, summed over pairs.</summary>
    [Id(6)] public long PairUpdates { get; set; }
}
