using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;
using RiskGrid.Grains.Metrics;
using RiskGrid.Grains.Placement;
using RiskGrid.Grains.Redis;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Grains.Hosting;

/// <summary>The one silo configuration shared by the silo host, the CLI's embedded silo and tests.</summary>
public static class RiskGridSiloBuilderExtensions
{
    /// <summary>
    /// Configures clustering (Redis, or localhost when no Redis is given), cluster identity and
    /// endpoints, then everything <see cref="AddRiskGrid"/> adds.
    /// </summary>
    public static ISiloBuilder UseRiskGrid(this ISiloBuilder silo, RiskGridSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
        }
        else
        {
            var redis = options.Redis;
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Parse(redis));
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = string.IsNullOrWhiteSpace(options.AdvertisedAddress)
                    ? IPAddress.Loopback
                    : IPAddress.Parse(options.AdvertisedAddress);
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            });
        }

        return silo.AddRiskGrid(options);
    }

    /// <summary>
    /// Adds what RiskGrid grains need whatever the clustering: the <c>riskgrid</c> grain storage (Redis
    /// or memory) with Orleans's binary serializer (bit-exact doubles, NaN included), the fit thread
    /// pool, the models outside Core in the catalogue (the LSTM), the silo's GPU declaration (silo metadata) with the placement filter that reads it, call
    /// timeouts and, when asked, fast failure detection.
    /// </summary>
    public static ISiloBuilder AddRiskGrid(this ISiloBuilder silo, RiskGridSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LstmCatalog.Register();
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            var redis = options.Redis;
            silo.AddRedisGrainStorage(RiskGridStorage.Name, o => o.Configure<Serializer>((storage, serializer) =>
            {
                storage.ConfigurationOptions = RedisConnection.Parse(redis);
                storage.GrainStorageSerializer = new Storage.PooledGrainStorageSerializer(serializer);
            }));
        }
        else if (options.LocalStorage)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(RiskGridStorage.Name,
                (services, _) => new Storage.LocalGrainStorage(new Storage.PooledGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        }
        else
        {
            silo.AddMemoryGrainStorage(RiskGridStorage.Name, o => o.Configure<Serializer>(
                (storage, serializer) => storage.GrainStorageSerializer = new Storage.PooledGrainStorageSerializer(serializer)));
        }

        silo.AddRiskGridMetrics();
        silo.Services.AddSingleton(new Storage.HistoryChunking(options.ChunkDays > 0 ? options.ChunkDays : State.StateVersions.DefaultChunkDays));
        silo.Services.AddSingleton(_ => new FitScheduler(options.FitThreads > 0 ? options.FitThreads : Environment.ProcessorCount));
        silo.AddGpuPlacement(GpuDeclaration.Of(options));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
        if (options.FastFailureDetection ?? !string.IsNullOrWhiteSpace(options.Redis))
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(15);
            });
        }

        return silo;
    }

    // Every silo publishes whether it has a GPU and can apply the filter, since placement is decided on whichever
    // silo makes the first call. Metadata is registered once, here: a host adds its own under Orleans:Metadata
    // (e.g. ORLEANS__METADATA__zone=a) rather than calling UseSiloMetadata again.
    private static void AddGpuPlacement(this ISiloBuilder silo, GpuDeclaration gpu)
    {
        var metadata = silo.Configuration.GetSection("Orleans:Metadata").Get<Dictionary<string, string>>() ?? [];
        metadata[GpuDeclaration.MetadataKey] = gpu.Declared ? "true" : "false";
        silo.UseSiloMetadata(metadata);
        silo.Services.AddSingleton(gpu);
        silo.Services.AddPlacementFilter<PreferGpuPlacementFilterStrategy, PreferGpuPlacementFilterDirector>(ServiceLifetime.Transient);
    }
}
