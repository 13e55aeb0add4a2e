using Ioc.Data.Entities;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>A rollup row key: the table's key columns in order (unused trailing parts are 0).</summary>
public readonly record struct RollupKey(int A, int B, int C, int Grain, int Period);

/// <summary>
/// Deltas of one batch, summed per rollup row before anything is written: a batch of a thousand
/// events touches far fewer rows than it has events, and each row is written once.
/// </summary>
public sealed class RollupDeltas(RollupTable table)
{
    private readonly Dictionary<RollupKey, long[]> _rows = [];

    public RollupTable Table => table;

    public int RowCount => _rows.Count;

    public IReadOnlyDictionary<RollupKey, long[]> Rows => _rows;

    /// <summary>Adds a day's delta to the day row and to its month row.</summary>
    public void AddDayAndMonth(int a, int b, int c, int dayNumber, int measure, long delta)
    {
        Row(new RollupKey(a, b, c, (int)RollupGrain.Day, dayNumber))[measure] += delta;
        var month = ProvinceTime.MonthNumber(DateOnly.FromDayNumber(dayNumber));
        Row(new RollupKey(a, b, c, (int)RollupGrain.Month, month))[measure] += delta;
    }

    public void Clear() => _rows.Clear();

    private long[] Row(RollupKey key)
    {
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new long[table.Width];
            _rows[key] = row;
        }
        return row;
    }

    /// <summary>Adds every non-zero row to the table inside the caller's transaction.</summary>
    public int WriteTo(SqliteConnection connection, SqliteTransaction transaction, string? tableName = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = table.UpsertSql(tableName);
        var keyCount = table.KeyColumns.Length;
        var parameters = new SqliteParameter[keyCount + table.Width];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = cmd.Parameters.Add($"@c{i}", SqliteType.Integer);
        }
        cmd.Prepare();
        var written = 0;
        foreach (var (key, values) in _rows)
        {
            if (Array.TrueForAll(values, v => v == 0))
            {
                continue;
            }
            var k = keyCount == 4 ? [key.A, key.B, key.Grain, key.Period] : new[] { key.A, key.B, key.C, key.Grain, key.Period };
            for (var i = 0; i < keyCount; i++)
            {
                parameters[i].Value = k[i];
            }
            for (var i = 0; i < values.Length; i++)
            {
                parameters[keyCount + i].Value = values[i];
            }
            cmd.ExecuteNonQuery();
            written++;
        }
        return written;
    }
}

/// <summary>Answer-time histogram deltas (unit, dimension, value, grain, period, hours) → count.</summary>
public sealed class AnswerTimeDeltas
{
    private readonly Dictionary<(RollupKey Key, int Hours), long> _rows = [];

    public IReadOnlyDictionary<(RollupKey Key, int Hours), long> Rows => _rows;

    public void AddDayAndMonth(int unitId, int dimension, int value, int dayNumber, int hours, long delta)
    {
        Add(new RollupKey(unitId, dimension, value, (int)RollupGrain.Day, dayNumber), hours, delta);
        Add(new RollupKey(unitId, dimension, value, (int)RollupGrain.Month, ProvinceTime.MonthNumber(DateOnly.FromDayNumber(dayNumber))), hours, delta);
    }

    public void Clear() => _rows.Clear();

    private void Add(RollupKey key, int hours, long delta)
    {
        _rows.TryGetValue((key, hours), out var v);
        _rows[(key, hours)] = v + delta;
    }

    public int WriteTo(SqliteConnection connection, SqliteTransaction transaction, string tableName = "TicketAnswerTimes")
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"INSERT INTO {tableName} (UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count) " +
                          "VALUES (@u, @d, @v, @g, @p, @h, @n) " +
                          "ON CONFLICT (UnitId, Dimension, DimensionValue, Grain, Period, Hours) DO UPDATE SET Count = Count + excluded.Count";
        var u = cmd.Parameters.Add("@u", SqliteType.Integer);
        var d = cmd.Parameters.Add("@d", SqliteType.Integer);
        var v = cmd.Parameters.Add("@v", SqliteType.Integer);
        var g = cmd.Parameters.Add("@g", SqliteType.Integer);
        var p = cmd.Parameters.Add("@p", SqliteType.Integer);
        var h = cmd.Parameters.Add("@h", SqliteType.Integer);
        var n = cmd.Parameters.Add("@n", SqliteType.Integer);
        cmd.Prepare();
        var written = 0;
        foreach (var ((key, hours), count) in _rows)
        {
            if (count == 0)
            {
                continue;
            }
            (u.Value, d.Value, v.Value, g.Value, p.Value, h.Value, n.Value) = (key.A, key.B, key.C, key.Grain, key.Period, hours, count);
            cmd.ExecuteNonQuery();
            written++;
        }
        return written;
    }
}
