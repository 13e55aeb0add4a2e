using Ioc.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file every second, on its own connection. Left
/// to SQLite, the checkpoint runs inside whichever commit crosses the threshold, and ingest waited
/// for it: measured here, it was a third of ingest time. PASSIVE never blocks the writer.
/// </summary>
public sealed class WalCheckpointer(SqliteDatabase database, ILogger<WalCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await cmd.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "WAL checkpoint failed; retrying");
            }
        }
    }
}
