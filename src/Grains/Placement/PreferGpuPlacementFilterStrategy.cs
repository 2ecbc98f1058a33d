using Orleans.Placement;

namespace RiskGrid.Grains.Placement;

/// <summary>The strategy of <see cref="PreferGpuPlacementFilterAttribute"/> (no parameters); applied by <see cref="PreferGpuPlacementFilterDirector"/>.</summary>
public sealed class PreferGpuPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
