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
    public int WriteTo(WriterStatements statements, SqliteTransaction transaction, string? tableName = null)
    {
        var name = tableName ?? table.Name;
        var keyCount = table.KeyColumns.Length;
        Span<int> key = stackalloc int[5];
        var written = 0;
        foreach (var (k, values) in _rows)
        {
            var mask = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    mask |= 1 << i;
                }
            }
            if (mask == 0)
            {
                continue;
            }
            var (sql, parameters) = SqlByMask.GetOrAdd((name, mask), key => table.UpsertSql(key.Table, key.Mask));
            var cmd = statements.Get(sql, transaction, parameters);
            if (keyCount == 3)
            {
                (key[0], key[1], key[2]) = (k.A, k.Grain, k.Period);
            }
            else if (keyCount == 4)
            {
                (key[0], key[1], key[2], key[3]) = (k.A, k.B, k.Grain, k.Period);
            }
            else
            {
                (key[0], key[1], key[2], key[3], key[4]) = (k.A, k.B, k.C, k.Grain, k.Period);
            }
            var p = 0;
            for (var i = 0; i < keyCount; i++)
            {
                cmd.Parameters[p++].Value = key[i];
            }
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    cmd.Parameters[p++].Value = values[i];
                }
            }
            cmd.ExecuteNonQuery();
            written++;
        }
        return written;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, int Mask), (string Sql, string[] Parameters)> SqlByMask = new();
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

    public int WriteTo(WriterStatements statements, SqliteTransaction transaction, string tableName = "TicketAnswerTimes")
    {
        var cmd = statements.Get(
            $"INSERT INTO {tableName} (UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count) VALUES (@u, @d, @v, @g, @p, @h, @n) " +
            "ON CONFLICT (UnitId, Dimension, DimensionValue, Grain, Period, Hours) DO UPDATE SET Count = Count + excluded.Count",
            transaction, "@u", "@d", "@v", "@g", "@p", "@h", "@n");
        var (u, d, v, g, p, h, n) = (cmd.Parameters[0], cmd.Parameters[1], cmd.Parameters[2], cmd.Parameters[3], cmd.Parameters[4], cmd.Parameters[5], cmd.Parameters[6]);
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
