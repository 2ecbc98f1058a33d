using Orleans.TestingHost;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>
/// An in-process cluster of two silos configured with the grid's own <see cref="RiskGridSiloBuilderExtensions.AddRiskGrid"/>
/// (in-memory storage), shared by the tests of the <see cref="GridCollection"/>.
/// </summary>
public sealed class GridFixture : IAsyncLifetime
{
    /// <summary>Small history chunks, so that every test that runs past a few weeks crosses chunk boundaries.</summary>
    public const int ChunkDays = 16;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddRiskGrid(new RiskGridSiloOptions { FitThreads = 2, ChunkDays = ChunkDays }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
