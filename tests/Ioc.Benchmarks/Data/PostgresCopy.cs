using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Ioc.Benchmarks.Data;

/// <summary>What <see cref="PostgresCopy"/> moved, and how long it took.</summary>
public sealed record CopyReport(long Rows, TimeSpan Copy, TimeSpan Indexes, long DatabaseBytes);

/// <summary>
/// Copies the states and rollups of a seeded SQLite file into a migrated PostgreSQL database (binary COPY),
/// so both engines answer the same queries over the same five years: seeding PostgreSQL through its own
/// seeder would be a second seeder to prove equal to ingest. Columns are the PostgreSQL table's own (the
/// one EF model made both schemas), each value converted to the column's type. Secondary indexes are
/// dropped before and built after, as a restore does.
/// </summary>
public static class PostgresCopy
{
    /// <summary>
    /// The reference tables (first: the ids that every other row names are the SQLite file's, and a later sync
    /// finds every code already there), then what the seeder writes.
    /// </summary>
    public static readonly string[] Tables =
        ["Units", "Procedures", "HotlineCategories", "Dossiers", "Tickets", "Documents", "DossierRollups", "TicketRollups", "TicketAnswerTimes", "DocumentRollups"];

    public static async Task<CopyReport> RunAsync(string sqlitePath, string connectionString, Action<string> progress)
    {
        await using var pg = new NpgsqlConnection(connectionString);
        await pg.OpenAsync();
        using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        sqlite.Open();

        // A fresh database: whatever a migration put in these tables gives way to the file's rows.
        await ExecuteAsync(pg, $"TRUNCATE {string.Join(", ", Tables.Select(t => $"\"{t}\""))} CASCADE");
        var indexes = new List<string>();
        foreach (var table in Tables)
        {
            indexes.AddRange(await DropSecondaryIndexesAsync(pg, table));
        }
        var copy = Stopwatch.StartNew();
        long rows = 0;
        foreach (var table in Tables)
        {
            var columns = await ColumnsAsync(pg, sqlite, table);
            var count = await CopyTableAsync(sqlite, pg, table, columns);
            rows += count;
            progress($"copied {count:N0} rows of {table} ({copy.Elapsed.TotalSeconds:F0} s)");
        }
        copy.Stop();
        var build = Stopwatch.StartNew();
        foreach (var sql in indexes)
        {
            await ExecuteAsync(pg, sql);
        }
        progress($"built {indexes.Count} indexes in {build.Elapsed.TotalSeconds:F0} s");
        foreach (var table in Tables)
        {
            // Identity columns go on from the copied ids (a row added later must not take one of theirs).
            var identities = new List<string>();
            await using (var cmd = new NpgsqlCommand($"SELECT attname FROM pg_attribute WHERE attrelid = '\"{table}\"'::regclass AND attidentity <> ''", pg))
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    identities.Add(r.GetString(0));
                }
            }
            foreach (var column in identities)
            {
                await ExecuteAsync(pg, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), (SELECT COALESCE(MAX(\"{column}\"), 0) + 1 FROM \"{table}\"), false)");
            }
        }
        foreach (var table in Tables)
        {
            await ExecuteAsync(pg, $"VACUUM ANALYZE \"{table}\"");
        }
        build.Stop();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", pg);
        return new CopyReport(rows, copy.Elapsed, build.Elapsed, (long)(await size.ExecuteScalarAsync())!);
    }

    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection pg, string table)
    {
        // Indexes that back no constraint (the primary keys stay: COPY checks them as it goes).
        var found = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = $1
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, pg))
        {
            cmd.Parameters.AddWithValue(table);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                found.Add((r.GetString(0), r.GetString(1)));
            }
        }
        foreach (var (name, _) in found)
        {
            await ExecuteAsync(pg, $"DROP INDEX \"{name}\"");
        }
        return [.. found.Select(f => f.Definition)];
    }

    /// <summary>PostgreSQL's columns that SQLite has too, but generated ones (PostgreSQL computes those itself).</summary>
    private static async Task<List<(string Name, string Type)>> ColumnsAsync(NpgsqlConnection pg, SqliteConnection sqlite, string table)
    {
        var inSqlite = new HashSet<string>(StringComparer.Ordinal);
        using (var info = sqlite.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using var names = info.ExecuteReader();
            while (names.Read())
            {
                inSqlite.Add(names.GetString(0));
            }
        }
        var columns = new List<(string, string)>();
        await using var cmd = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position", pg);
        cmd.Parameters.AddWithValue(table);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            if (inSqlite.Contains(r.GetString(0)))
            {
                columns.Add((r.GetString(0), r.GetString(1)));
            }
        }
        return columns.Count > 0 ? columns : throw new InvalidOperationException($"PostgreSQL has no table {table}.");
    }

    private static async Task<long> CopyTableAsync(SqliteConnection sqlite, NpgsqlConnection pg, string table, List<(string Name, string Type)> columns)
    {
        using var select = sqlite.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))} FROM \"{table}\"";
        using var reader = select.ExecuteReader();
        await using var writer = await pg.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        var types = columns.Select(c => TypeOf(table, c)).ToArray();
        long rows = 0;
        while (reader.Read())
        {
            await writer.StartRowAsync();
            for (var i = 0; i < types.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    await writer.WriteNullAsync();
                    continue;
                }
                switch (types[i])
                {
                    case NpgsqlDbType.Boolean:
                        await writer.WriteAsync(reader.GetInt64(i) != 0, NpgsqlDbType.Boolean);
                        break;
                    case NpgsqlDbType.Smallint:
                        await writer.WriteAsync(checked((short)reader.GetInt64(i)), NpgsqlDbType.Smallint);
                        break;
                    case NpgsqlDbType.Integer:
                        await writer.WriteAsync(checked((int)reader.GetInt64(i)), NpgsqlDbType.Integer);
                        break;
                    case NpgsqlDbType.Bigint:
                        await writer.WriteAsync(reader.GetInt64(i), NpgsqlDbType.Bigint);
                        break;
                    case NpgsqlDbType.Double:
                        await writer.WriteAsync(reader.GetDouble(i), NpgsqlDbType.Double);
                        break;
                    case NpgsqlDbType.Date:
                        // EF stores a DateOnly in SQLite as its ISO text.
                        await writer.WriteAsync(DateOnly.ParseExact(reader.GetString(i), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                        break;
                    default:
                        await writer.WriteAsync(reader.GetString(i), NpgsqlDbType.Text);
                        break;
                }
            }
            rows++;
        }
        await writer.CompleteAsync();
        return rows;
    }

    private static NpgsqlDbType TypeOf(string table, (string Name, string Type) column) => column.Type switch
    {
        "boolean" => NpgsqlDbType.Boolean,
        "smallint" => NpgsqlDbType.Smallint,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "double precision" => NpgsqlDbType.Double,
        "date" => NpgsqlDbType.Date,
        "text" or "character varying" => NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"{table}.{column.Name}: no copy for PostgreSQL type {column.Type}."),
    };

    private static async Task ExecuteAsync(NpgsqlConnection pg, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, pg) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
