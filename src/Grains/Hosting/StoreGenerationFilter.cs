using RiskGrid.Grains.Abstractions;

namespace RiskGrid.Grains.Hosting;

/// <summary>
/// Refuses calls to RiskGrid's grains with <see cref="StoreResetException"/> when this silo's store was reset
/// (<see cref="StoreGeneration.LostReason"/>), or when the call carries a generation its client learned
/// (<see cref="StoreGenerationContext"/>) other than the one this silo serves: the client then talks to a cluster
/// that started afresh after its store was emptied, and its run cannot continue there.
/// </summary>
public sealed class StoreGenerationFilter(StoreGeneration generation) : IIncomingGrainCallFilter
{
    private static readonly string Namespace = typeof(RiskGridStorage).Namespace!;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Grain?.GetType().Namespace?.StartsWith(Namespace, StringComparison.Ordinal) == true)
        {
            if (generation.LostReason is { } lost)
            {
                throw new StoreResetException($"silo refused the call: {lost}");
            }

            if (RequestContext.Get(StoreGenerationContext.Key) is string expected && expected.Length > 0 && expected != generation.Current)
            {
                throw new StoreResetException(
                    $"the run began under store generation {expected}; the cluster now serves {(generation.Current.Length > 0 ? generation.Current : "an untracked store")}");
            }
        }

        return context.Invoke();
    }
}
