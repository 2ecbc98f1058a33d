using Orleans.TestingHost;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>An in-process cluster of two silos of which exactly one (<see cref="GpuClusters.GpuSiloName"/>) declares a GPU.</summary>
public sealed class GpuGridFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await GpuClusters.StartAsync(2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
