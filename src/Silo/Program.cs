using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RiskGrid.Grains.Hosting;
using RiskGrid.Grains.Redis;
using RiskGrid.Silo.Health;
using RiskGrid.Silo.Operations;

// A RiskGrid silo. Alone: localhost clustering, in-memory state. With --redis HOST:PORT: Redis clustering
// and persistence; start several (different --silo-port/--gateway-port) to form one cluster. --gpu declares
// a GPU (LSTM training is placed on such silos). Metrics on http://127.0.0.1:9464/metrics and the Orleans
// dashboard on http://127.0.0.1:8080 (see SiloOperationsOptions).
if (args.Any(a => a is "--help" or "-h" or "-?" or "help"))
{
    Console.WriteLine("""
        Usage: RiskGrid.Silo [options]   (a RiskGrid silo; see README "Scale-out")

          --redis HOST:PORT|redis://[user:password@]host:port|rediss://...|StackExchange.Redis string
                                   Redis clustering and persistence (default: localhost clustering, in-memory state);
                                   also RiskGrid__Redis
          --cluster-id ID          cluster id (default riskgrid)
          --service-id ID          service id (default riskgrid)
          --silo-port N            silo-to-silo port (default 11111)
          --gateway-port N         client gateway port (default 30000)
          --advertise ADDRESS      address advertised to other silos
          --fit-threads N          threads for model fits
          --gpu | --no-gpu         declare (or not) a GPU: LSTM training is placed on GPU silos
          --metrics-port N         Prometheus /metrics and /health[/live|/ready] (default 9464)
          --metrics-address ADDR   address of that endpoint (default 127.0.0.1)
          --dashboard | --no-dashboard, --dashboard-port N (default 8080), --dashboard-address ADDR,
          --dashboard-user U, --dashboard-password P
                                   the Orleans dashboard (basic auth required off loopback)
          Any setting also as --RiskGrid:Section:Name=value or RiskGrid__Section__Name in the environment.

        Exit codes: 0 stopped, 1 failed to start, 3 lost its cluster membership.
        """);
    return 0;
}

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
return Environment.ExitCode;
