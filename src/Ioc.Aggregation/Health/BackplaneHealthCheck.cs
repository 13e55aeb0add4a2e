using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Ioc.Aggregation.Health;

/// <summary>
/// The KPI hub's Redis backplane (<c>Redis:Configuration</c>). Without it a single hub host needs none,
/// so its absence is healthy and said plainly. With it, Redis down means the hub's messages go nowhere:
/// unhealthy, so the operator looks at Redis rather than at IOC.
/// </summary>
internal sealed class BackplaneHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Registered only when Redis is configured (KpiBackplane); resolved here so a node without it never connects.
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return HealthCheckResult.Healthy("Not configured: a single hub host needs no backplane");
        }
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected: the KPI hub's messages reach no other process");
        }
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.Message}");
        }
    }
}
