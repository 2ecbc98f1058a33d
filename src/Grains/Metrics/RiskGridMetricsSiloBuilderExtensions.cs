using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RiskGrid.Grains.Metrics;

/// <summary>Registers RiskGrid's metrics in a silo (the HTTP endpoint that exports them is the host's).</summary>
public static class RiskGridMetricsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="RiskGridMetrics"/> singleton that grains write to, the client-call filter, and
    /// the pair grains' collection age (<see cref="RiskGridMetricsOptions.PairCollectionAge"/>). Options
    /// bind from the <c>RiskGrid:Metrics</c> configuration section when the host has one.
    /// </summary>
    public static ISiloBuilder AddRiskGridMetrics(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<RiskGridMetricsOptions>().Configure<IServiceProvider>((options, services) =>
            services.GetService<IConfiguration>()?.GetSection(RiskGridMetricsOptions.Section).Bind(options));
        silo.Services.TryAddSingleton(_ => new RiskGridMetrics());
        silo.AddIncomingGrainCallFilter<GridCallMetricsFilter>();
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<RiskGridMetricsOptions>>((collection, metrics) =>
            collection.ClassSpecificCollectionAge[typeof(InstrumentModelGrain).FullName!] = metrics.Value.PairCollectionAge);
        return silo;
    }
}
