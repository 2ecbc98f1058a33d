using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RiskGrid.Grains.Hosting;
using RiskGrid.Silo.Health;
using RiskGrid.Silo.Operations;

// A RiskGrid silo. Alone: localhost clustering, in-memory state. With --redis HOST:PORT: Redis clustering
// and persistence; start several (different --silo-port/--gateway-port) to form one cluster. --gpu declares
// a GPU (LSTM training is placed on such silos). Metrics on http://127.0.0.1:9464/metrics and the Orleans
// dashboard on http://127.0.0.1:8080 (see SiloOperationsOptions).
args = SiloOperationsOptions.Normalize(RiskGridSiloOptions.Normalize(args));
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>([.. RiskGridSiloOptions.CommandLineSwitches, .. SiloOperationsOptions.CommandLineSwitches]));
var options = builder.Configuration.GetSection(RiskGridSiloOptions.Section).Get<RiskGridSiloOptions>() ?? new();
var operations = builder.Configuration.GetSection(SiloOperationsOptions.Section).Get<SiloOperationsOptions>() ?? new();
var gpu = GpuDeclaration.Of(options);
var kubernetes = builder.Configuration.GetValue<bool>("RiskGrid:Kubernetes");
builder.UseOrleans(silo =>
{
    silo.UseRiskGrid(options).AddSiloOperations(operations);
    if (kubernetes)
    {
        // In a pod (deploy/kubernetes): Orleans takes the silo name, advertised IP and ids from the pod, and
        // declares silos whose pods are gone dead. Clustering stays on Redis.
        silo.UseKubernetesHosting();
    }
});
builder.AddSiloOperations(operations);
builder.Services.AddSiloHealth(builder.Configuration.GetValue($"{RiskGridSiloOptions.Section}:MembershipLossGrace", TimeSpan.FromSeconds(30)));

await using var app = builder.Build();
app.MapSiloOperations(operations);
app.MapSiloHealth(operations.MetricsPort);
await app.StartAsync();
Console.WriteLine($"riskgrid silo ready: cluster {options.ClusterId}, silo port {options.SiloPort}, gateway port {options.GatewayPort}, " +
    (string.IsNullOrWhiteSpace(options.Redis) ? "localhost clustering, in-memory state" : $"redis {RedisConnection.Redact(options.Redis)}") +
    $"; {gpu.Reason}" +
    (kubernetes ? "; kubernetes hosting" : string.Empty) +
    $"; metrics http://{operations.MetricsAddress}:{operations.MetricsPort}/metrics" +
    $"; health http://{operations.MetricsAddress}:{operations.MetricsPort}/health" +
    (operations.Dashboard ? $"; dashboard http://{operations.DashboardAddress}:{operations.DashboardPort}/" : "; dashboard off"));
await app.WaitForShutdownAsync();
