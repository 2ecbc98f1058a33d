using RiskGrid.Core.Engine;
using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.State;

/// <summary>
/// The persisted state of an instrument×model pair: its settings, the Core <see cref="PairState"/>
/// (serialized losslessly through surrogates, so a reactivated pair continues bit for bit), and the
/// log of every accepted price.
/// </summary>
[GenerateSerializer, Alias("riskgrid.PairGrainState")]
public sealed class PairGrainState
{
    /// <summary>Null until the pair is configured.</summary>
    [Id(0)] public RollingSettings? Settings { get; set; }

    [Id(1)] public PairState Pair { get; set; } = new();

    [Id(2)] public PriceLog Log { get; set; } = new();

    /// <summary>Wall time spent estimating, in ticks (informational).</summary>
    [Id(3)] public long FitTicks { get; set; }

    /// <summary>The silo that ran the last fit on a training grain (models that want an accelerator), or null
    /// when fits run beside the pair; and whether that silo declared a GPU. Informational.</summary>
    [Id(4)] public SiloAddress? TrainedOn { get; set; }

    [Id(5)] public bool TrainedOnGpu { get; set; }
}
