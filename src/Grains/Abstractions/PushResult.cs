namespace RiskGrid.Grains.Abstractions;

/// <summary>What one push of prices did across a universe.</summary>
/// <param name="PairUpdates">Prices appended, summed over every affected pair (one update = realise,
/// refit when due, forecast).</param>
/// <param name="Skipped">Prices pairs already had (identical re-sends), summed over pairs.</param>
/// <param name="LastDate">The newest date in the push.</param>
[GenerateSerializer, Immutable, Alias("riskgrid.PushResult")]
public sealed record PushResult(
    [property: Id(0)] int Instruments,
    [property: Id(1)] int Pairs,
    [property: Id(2)] long PairUpdates,
    [property: Id(3)] long Skipped,
    [property: Id(4)] DateOnly? LastDate);
