using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// The secondary indexes a bulk load builds once at its end instead of row by row. A backfill writes
/// every event, dossier and document into each of their indexes (eight on Dossiers for the lists, one on
/// the events' entity code): inserts at random places of B-trees that soon outgrow the page cache. When
/// the load brings at least as many events as the store holds, sorting the whole table once per index
/// (CREATE INDEX) is cheaper. The indexes are dropped and made again inside the load's own transaction,
/// from their own text in sqlite_master (so the migrations stay their one source): a refused or killed
/// load rolls back to the indexes as they were. Unique indexes stay, since ingest reads and enforces
/// through them (an event id per source), and so do the keys that states are read by.
/// </summary>
public sealed class DeferredIndexes
{
    /// <summary>The tables whose plain indexes only serve readers, never the writer's own lookups.</summary>
    private static readonly string[] Tables = ["Events", "Dossiers", "Documents"];

    private readonly List<(string Name, string Sql)> _dropped;

    private DeferredIndexes(List<(string Name, string Sql)> dropped) => _dropped = dropped;

    /// <summary>The index names that were dropped, to be built at <see cref="Restore"/>.</summary>
    public IReadOnlyList<string> Names => [.. _dropped.Select(d => d.Name)];

    /// <summary>
    /// Drops the tables' non-unique indexes when <paramref name="expectedEvents"/> is at least the number of
    /// events stored; otherwise (a small load into a large store) leaves them, and returns null.
    /// </summary>
    public static DeferredIndexes? DropIfWorthIt(SqliteConnection connection, SqliteTransaction transaction, long expectedEvents)
    {
        // MAX(Seq) reads one B-tree page, where COUNT(*) would read the table; deleted events do not exist.
        var stored = Scalar(connection, transaction, "SELECT IFNULL(MAX(Seq), 0) FROM Events");
        if (expectedEvents <= 0 || expectedEvents < stored)
        {
            return null;
        }
        var dropped = new List<(string, string)>();
        using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            // sql is NULL for the indexes behind PRIMARY KEY and UNIQUE constraints: those stay.
            find.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' " +
                               $"AND tbl_name IN ({string.Join(", ", Tables.Select(t => $"'{t}'"))}) ORDER BY name";
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                dropped.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in dropped)
        {
            Execute(connection, transaction, $"DROP INDEX \"{name}\"");
        }
        return new DeferredIndexes(dropped);
    }

    /// <summary>Builds the dropped indexes again, in the same transaction, before it commits.</summary>
    public void Restore(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var (_, sql) in _dropped)
        {
            Execute(connection, transaction, sql);
        }
        _dropped.Clear();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
