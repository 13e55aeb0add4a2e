using Ioc.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ioc.Aggregation.Health;

/// <summary>Healthy when the SQLite file answers a query.</summary>
internal sealed class DatabaseHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await database.OpenAsync(cancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM Units";
            var units = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
            return units > 0 ? HealthCheckResult.Healthy($"{units} units") : HealthCheckResult.Degraded("No units loaded");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", ex);
        }
    }
}
