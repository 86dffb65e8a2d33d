using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetSite.Operations;

/// <summary>A draining process (it got SIGTERM) is not ready: a load balancer should send nobody new to it.</summary>
internal sealed class DrainHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Draining: the process is stopping.")
            : HealthCheckResult.Healthy());
}
