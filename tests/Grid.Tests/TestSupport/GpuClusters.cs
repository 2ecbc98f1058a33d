using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using RiskGrid.Grains.Hosting;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>In-process clusters in which one silo declares a GPU (<see cref="RiskGridSiloOptions.Gpu"/>).</summary>
public static class GpuClusters
{
    /// <summary>The test host's name of the silo that declares the GPU (silos are <c>Silo_0</c>, <c>Silo_1</c>, …).</summary>
    public const string GpuSiloName = "Silo_1";

    /// <summary>
    /// Starts <paramref name="silos"/> silos configured by the grid's <see cref="RiskGridSiloBuilderExtensions.AddRiskGrid"/>,
    /// of which only <see cref="GpuSiloName"/> declares a GPU, and waits until every silo knows every other's metadata
    /// (placement reads it from each silo's cache, filled when silos join).
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(int silos, string? redis = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((silo, siloBuilder) => siloBuilder.AddRiskGrid(new RiskGridSiloOptions
        {
            FitThreads = 1,
            Redis = redis,
            Gpu = silo.SiloName == GpuSiloName,
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await WaitForMetadataAsync(cluster);
        return cluster;
    }

    public static SiloAddress GpuSilo(this InProcessTestCluster cluster) =>
        cluster.Silos.Single(s => s.Name == GpuSiloName).SiloAddress;

    public static SiloAddress CpuSilo(this InProcessTestCluster cluster) =>
        cluster.Silos.First(s => s.Name != GpuSiloName).SiloAddress;

    /// <summary>The silo holding <paramref name="grain"/>'s activation, or null when it has none.</summary>
    public static SiloAddress? SiloOf(this InProcessTestCluster cluster, IAddressable grain) =>
        cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>Moves <paramref name="grain"/>'s activation to <paramref name="silo"/> (the test host's migration
    /// waits for a deactivation, which never comes when the grain is there already).</summary>
    public static async Task MoveToAsync(this InProcessTestCluster cluster, IAddressable grain, SiloAddress silo)
    {
        if (!silo.Equals(cluster.SiloOf(grain)))
        {
            await cluster.MigrateAsync(grain, silo).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(silo, cluster.SiloOf(grain));
    }

    private static async Task WaitForMetadataAsync(InProcessTestCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var addresses = cluster.Silos.Select(s => s.SiloAddress).ToArray();
        while (!addresses.All(at => addresses.All(of =>
                   cluster.GetSiloServiceProvider(at).GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(of)
                       .Metadata.ContainsKey(GpuDeclaration.MetadataKey))))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the silos did not learn each other's metadata within 30 s");
            }

            await Task.Delay(50);
        }
    }
}
