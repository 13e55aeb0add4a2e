using System.Collections.Concurrent;
using Npgsql;

namespace Ioc.Aggregation.Storage.PostgreSql;

/// <summary>
/// Adds a batch's rollup deltas on PostgreSQL: the first piece of the writer's PostgreSQL side (issue 15).
/// SQLite binds one prepared upsert per row (<see cref="RollupDeltas.WriteTo"/>), which is cheap in process;
/// over a network each statement is a round trip, so here the whole batch goes as one statement whose rows
/// come from arrays (<c>unnest</c>), adding every measure (an untouched one adds zero). Column names come
/// from <see cref="RollupTable"/>, which SchemaSourceTests checks against the EF model.
/// </summary>
public static class PostgreSqlRollupUpsert
{
    private static readonly ConcurrentDictionary<(RollupTable Table, string Name), string> SqlByTable = new();

    /// <summary>Adds every non-zero row of <paramref name="deltas"/> to its table (or <paramref name="tableName"/>); the rows written.</summary>
    public static int Write(NpgsqlConnection connection, NpgsqlTransaction? transaction, RollupDeltas deltas, string? tableName = null)
    {
        var table = deltas.Table;
        var keyCount = table.KeyColumns.Length;
        // In the table's key order, as SQLite's writer goes: concurrent writers would then lock rows in one order.
        var rows = deltas.SortedKeys().Where(k => Array.Exists(deltas.Rows[k], v => v != 0)).ToArray();
        if (rows.Length == 0)
        {
            return 0;
        }
        var keys = new int[keyCount][];
        for (var c = 0; c < keyCount; c++)
        {
            keys[c] = new int[rows.Length];
        }
        var measures = new long[table.Width][];
        for (var m = 0; m < table.Width; m++)
        {
            measures[m] = new long[rows.Length];
        }
        for (var r = 0; r < rows.Length; r++)
        {
            var k = rows[r];
            // A rollup key is A, B, C, grain, period with the unused middle parts left out (RollupKey's convention).
            int[] parts = keyCount switch
            {
                3 => [k.A, k.Grain, k.Period],
                4 => [k.A, k.B, k.Grain, k.Period],
                _ => [k.A, k.B, k.C, k.Grain, k.Period],
            };
            for (var c = 0; c < keyCount; c++)
            {
                keys[c][r] = parts[c];
            }
            var values = deltas.Rows[k];
            for (var m = 0; m < table.Width; m++)
            {
                measures[m][r] = values[m];
            }
        }
        using var command = new NpgsqlCommand(SqlByTable.GetOrAdd((table, tableName ?? table.Name), t => UpsertSql(t.Table, t.Name)), connection, transaction);
        foreach (var column in keys)
        {
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = column });
        }
        foreach (var column in measures)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = column });
        }
        PostgreSqlIngestTransaction.Prepared(command).ExecuteNonQuery();
        return rows.Length;
    }

    /// <summary>Adds the answer-time histogram's non-zero counts (TicketAnswerTimes); the rows written.</summary>
    public static int Write(NpgsqlConnection connection, NpgsqlTransaction? transaction, AnswerTimeDeltas deltas, string tableName = AnswerTimeDeltas.TableName)
    {
        var rows = deltas.Rows.Where(r => r.Value != 0).ToArray();
        if (rows.Length == 0)
        {
            return 0;
        }
        int[] Column(Func<(RollupKey Key, int Hours), int> part) => [.. rows.Select(r => part(r.Key))];
        using var command = new NpgsqlCommand(
            $"INSERT INTO {Quote(tableName)} AS t (\"UnitId\", \"Dimension\", \"DimensionValue\", \"Grain\", \"Period\", \"Hours\", \"Count\") " +
            "SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (\"UnitId\", \"Dimension\", \"DimensionValue\", \"Grain\", \"Period\", \"Hours\") DO UPDATE SET \"Count\" = t.\"Count\" + excluded.\"Count\"",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Key.A) });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Key.B) });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Key.C) });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Key.Grain) });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Key.Period) });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Column(k => k.Hours) });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.Value)] });
        PostgreSqlIngestTransaction.Prepared(command).ExecuteNonQuery();
        return rows.Length;
    }

    /// <summary>
    /// <c>INSERT … SELECT * FROM unnest($1 … $n) ON CONFLICT (key) DO UPDATE SET m = t.m + excluded.m</c> for every
    /// measure; positional parameters: the key columns' arrays, then the measures', in the table's order.
    /// </summary>
    public static string UpsertSql(RollupTable table, string tableName)
    {
        var columns = table.KeyColumns.Concat(table.Measures).ToArray();
        var parameters = string.Join(", ", Enumerable.Range(1, columns.Length).Select(i => $"${i}"));
        var updates = string.Join(", ", table.Measures.Select(m => $"{Quote(m)} = t.{Quote(m)} + excluded.{Quote(m)}"));
        return $"INSERT INTO {Quote(tableName)} AS t ({string.Join(", ", columns.Select(Quote))}) SELECT * FROM unnest({parameters}) " +
               $"ON CONFLICT ({string.Join(", ", table.KeyColumns.Select(Quote))}) DO UPDATE SET {updates}";
    }

    /// <summary>EF's PostgreSQL tables keep their C# names, quoted (unquoted names fold to lower case there).</summary>
    private static string Quote(string name) => "\"" + name + "\"";
}
