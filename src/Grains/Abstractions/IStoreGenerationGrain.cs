namespace RiskGrid.Grains.Abstractions;

/// <summary>
/// The generation of the cluster's store, asked of the silo the client is connected to (a stateless worker).
/// A client learns it once and sends it along with every call (<see cref="StoreGenerationContext"/>); a silo that
/// finds it no longer matches its store refuses the call with <see cref="StoreResetException"/>.
/// </summary>
[Alias("riskgrid.IStoreGenerationGrain")]
public interface IStoreGenerationGrain : IGrainWithIntegerKey
{
    /// <summary>The store's generation marker; empty when the store is not tracked (in-memory state, which a
    /// restart loses with the silo itself).</summary>
    Task<string> GetGenerationAsync();
}
