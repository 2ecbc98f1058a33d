using Orleans.Placement;

namespace RiskGrid.Grains.Placement;

/// <summary>
/// Places a grain type's activations on silos that declared a GPU (silo metadata
/// <see cref="Hosting.GpuDeclaration.MetadataKey"/>) when any compatible active silo did, and on any silo
/// otherwise; the grain type's placement strategy then chooses among those. Orleans's own
/// <c>PreferredMatchSiloMetadataPlacementFilter</c> matches the <em>calling</em> silo's metadata instead,
/// which would keep a pair's training beside the pair.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PreferGpuPlacementFilterAttribute() : PlacementFilterAttribute(new PreferGpuPlacementFilterStrategy());
