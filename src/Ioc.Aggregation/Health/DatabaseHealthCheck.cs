using Ioc.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ioc.Aggregation.Health;

/// <summary>Healthy when the database (the SQLite file or the PostgreSQL server) answers a query.</summary>
internal sealed class DatabaseHealthCheck(IQueryDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await database.OpenReadAsync(cancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {database.Dialect.Name("Units")}";
            var units = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
            return units > 0 ? HealthCheckResult.Healthy($"{units} units") : HealthCheckResult.Degraded("No units loaded");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", ex);
        }
    }
}
