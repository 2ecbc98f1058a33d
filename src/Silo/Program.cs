using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RiskGrid.Grains.Hosting;

// A RiskGrid silo. Alone: localhost clustering, in-memory state. With --redis HOST:PORT: Redis clustering
// and persistence; start several (different --silo-port/--gateway-port) to form one cluster.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, RiskGridSiloOptions.CommandLineSwitches);
var options = builder.Configuration.GetSection(RiskGridSiloOptions.Section).Get<RiskGridSiloOptions>() ?? new();
builder.UseOrleans(silo => silo.UseRiskGrid(options));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"riskgrid silo ready: cluster {options.ClusterId}, silo port {options.SiloPort}, gateway port {options.GatewayPort}, " +
    (string.IsNullOrWhiteSpace(options.Redis) ? "localhost clustering, in-memory state" : $"redis {options.Redis}"));
await host.WaitForShutdownAsync();
