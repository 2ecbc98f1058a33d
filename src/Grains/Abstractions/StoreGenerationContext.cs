namespace RiskGrid.Grains.Abstractions;

/// <summary>How a call carries the store generation its client learned (<see cref="IStoreGenerationGrain"/>).</summary>
public static class StoreGenerationContext
{
    /// <summary>The <c>RequestContext</c> key (it flows on to every grain call the call makes).</summary>
    public const string Key = "riskgrid.store-generation";
}
