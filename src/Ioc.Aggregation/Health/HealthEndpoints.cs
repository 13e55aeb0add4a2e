using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Ioc.Aggregation.Health;

/// <summary>
/// <c>/health</c> on both hosts: one named check per thing an operator would restart or call someone
/// about, and the worst of them as the overall status (HTTP 503 when unhealthy, 200 otherwise, so a
/// load balancer can act on the code alone).
/// </summary>
public static class HealthEndpoints
{
    public const string Path = "/health";

    /// <summary>Check names, as they appear in the JSON body.</summary>
    public const string Database = "database";
    public const string HubLink = "hub-link";
    public const string Backplane = "backplane";

    /// <summary>The checks every host has: the database, and the KPI hub's Redis backplane (see <see cref="BackplaneHealthCheck"/>).</summary>
    public static IHealthChecksBuilder AddIocHealthChecks(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(Database)
            .AddCheck<BackplaneHealthCheck>(Backplane);

    public static WebApplication MapIocHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary><c>{"status":"Healthy","checks":{"database":{"status":"Healthy","description":"…"},…}}</c></summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
    }
}
