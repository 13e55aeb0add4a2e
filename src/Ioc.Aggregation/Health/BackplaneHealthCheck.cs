using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ioc.Aggregation.Health;

/// <summary>
/// The SignalR backplane that lets several web nodes share hub messages. None exists yet: one node
/// needs none, so its absence is healthy and said plainly. A backplane (Redis) replaces this class
/// with a check of its own connection, registered under <see cref="HealthEndpoints.Backplane"/>.
/// </summary>
internal sealed class BackplaneHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Not configured: a single node needs no backplane"));
}
