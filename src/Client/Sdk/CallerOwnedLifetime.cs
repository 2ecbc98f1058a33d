using Microsoft.Extensions.Hosting;

namespace RiskGrid.Client.Sdk;

/// <summary>
/// The lifetime of a host a <see cref="RiskGridConnection"/> starts inside the caller's process: it neither waits for
/// nor handles process signals. The default console lifetime takes SIGINT/SIGTERM for itself and only asks the host
/// to stop (which nobody awaits here), so Ctrl-C or <c>docker stop</c> never reached the command, which owns the
/// process and disposes the connection when its cancellation token fires.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
