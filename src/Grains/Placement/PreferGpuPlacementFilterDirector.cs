using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Grains.Placement;

/// <summary>
/// Keeps the candidate silos that declared a GPU when there is at least one, else all of them: training
/// prefers a GPU silo but never waits for one. Reads other silos' metadata from the local
/// <see cref="ISiloMetadataCache"/>, which learns a silo's metadata when it joins.
/// </summary>
public sealed class PreferGpuPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var candidates = silos as IReadOnlyCollection<SiloAddress> ?? [.. silos];
        var gpu = candidates.Where(silo => GpuDeclaration.IsDeclaredIn(metadata.GetSiloMetadata(silo))).ToArray();
        return gpu.Length > 0 ? gpu : candidates;
    }
}
