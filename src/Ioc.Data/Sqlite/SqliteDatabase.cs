using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Ioc.Data.Sqlite;

/// <summary>
/// Opens connections to the one SQLite file with the same pragmas for EF Core and for the raw
/// ADO.NET paths (ingest, rollup queries), which bypass change tracking for speed.
/// </summary>
public sealed class SqliteDatabase : IQueryDatabase
{
    /// <summary>
    /// Only on SQLite: the container hands it out on no other provider (<see cref="DataExtensions.AddIocData"/>),
    /// and each SQLite-only path (backup, the WAL checkpointer, SQLite's code index) checks the provider itself.
    /// </summary>
    public SqliteDatabase(IOptions<DatabaseOptions> options)
    {
        FilePath = DataPaths.Resolve(options.Value.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Synchronous = options.Value.Synchronous.Equals("Normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL";
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public string Synchronous { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        ApplyPragmas(connection);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        ApplyPragmas(connection);
        return connection;
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenReadAsync(CancellationToken ct = default) => await OpenAsync(ct);

    internal void ApplyPragmas(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        // WAL lets pages read while ingest writes; busy_timeout makes a second writer wait instead of
        // failing. Checkpoints run in the background (WalCheckpointer); the high automatic threshold
        // is only a safety net for processes without it (commands, tests). journal_size_limit cuts
        // the WAL file back to 64 MiB after a checkpoint, so a catch-up burst does not leave it huge.
        cmd.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={Synchronous}; PRAGMA busy_timeout=10000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=50000; PRAGMA journal_size_limit=67108864;";
        cmd.ExecuteNonQuery();
    }
}

/// <summary>Applies <see cref="SqliteDatabase"/>'s pragmas to EF Core's connections.</summary>
internal sealed class SqlitePragmaInterceptor(SqliteDatabase database) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        database.ApplyPragmas(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        database.ApplyPragmas(connection);
        return Task.CompletedTask;
    }
}
