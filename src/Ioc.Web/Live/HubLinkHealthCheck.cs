using Ioc.Aggregation.Publishing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Live;

/// <summary>
/// The web process's link to the KPI hub, which every live page depends on: healthy while connected
/// and hearing heartbeats; degraded while (re)connecting or silent for a short while; unhealthy once
/// down for longer than a page waits before it shows its data as stale (<c>Kpi:StaleAfterSeconds</c>),
/// e.g. when the aggregation service is unreachable.
/// </summary>
internal sealed class HubLinkHealthCheck(KpiHubClient client, IOptions<KpiOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var stale = TimeSpan.FromSeconds(options.Value.StaleAfterSeconds);
        var hub = client.Url ?? options.Value.HubUrl ?? "this process's hub";
        var data = new Dictionary<string, object> { ["url"] = hub, ["state"] = client.State.ToString() };
        if (client.State == LiveConnectionState.Live)
        {
            var silent = now - (client.LastMessageAt ?? client.StateSince);
            return Task.FromResult(silent <= stale
                ? HealthCheckResult.Healthy($"Connected to {hub}", data)
                : HealthCheckResult.Degraded($"Connected to {hub}, but nothing heard for {silent.TotalSeconds:0} s", data: data));
        }
        var down = now - client.StateSince;
        var description = $"{client.State} to {hub} for {down.TotalSeconds:0} s";
        return Task.FromResult(down <= stale
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Unhealthy(description, data: data));
    }
}
