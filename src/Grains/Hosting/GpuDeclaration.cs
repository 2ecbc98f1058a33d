using Orleans.Runtime.MembershipService.SiloMetadata;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Grains.Hosting;

/// <summary>
/// Whether a silo declares a GPU, and why. A silo publishes it as silo metadata
/// (<see cref="MetadataKey"/> = <c>true</c>/<c>false</c>), which the <see cref="Placement.PreferGpuPlacementFilterAttribute"/>
/// reads to place training on GPU silos.
/// </summary>
/// <param name="Declared">True when the silo offers a GPU to training grains.</param>
/// <param name="Reason">One line for the silo's ready line and logs, e.g. <c>gpu: declared (RiskGrid:Gpu)</c>.</param>
public sealed record GpuDeclaration(bool Declared, string Reason)
{
    /// <summary>The silo metadata key.</summary>
    public const string MetadataKey = "riskgrid.gpu";

    /// <summary>
    /// The declaration of a silo with <paramref name="options"/>: <see cref="RiskGridSiloOptions.Gpu"/> when
    /// set (<c>--gpu</c>, <c>RiskGrid:Gpu</c>); otherwise detected, which finds a GPU only in a CUDA build
    /// (<c>-p:RiskGridCuda=true</c>) where <c>torch.cuda.is_available()</c>.
    /// </summary>
    public static GpuDeclaration Of(RiskGridSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Gpu switch
        {
            true => new(true, "gpu: declared (RiskGrid:Gpu)"),
            false => new(false, "gpu: none (RiskGrid:Gpu is false)"),
            null when LstmDevices.CudaAvailable => new(true, "gpu: detected (CUDA build, torch.cuda.is_available())"),
            null when LstmDevices.IsCudaBuild => new(false, "gpu: none (CUDA build, but torch.cuda.is_available() is false)"),
            null => new(false, "gpu: none (CPU libtorch build; --gpu declares one)"),
        };
    }

    /// <summary>True when <paramref name="metadata"/> (another silo's) declares a GPU.</summary>
    public static bool IsDeclaredIn(SiloMetadata metadata) =>
        metadata is not null && metadata.Metadata.TryGetValue(MetadataKey, out var value) &&
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
