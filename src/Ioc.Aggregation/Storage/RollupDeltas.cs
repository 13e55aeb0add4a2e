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

    /// <summary>The touched rows' keys in the table's order.</summary>
    internal RollupKey[] SortedKeys() => SortedKeys(_rows);

    private long[] Row(RollupKey key)
    {
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new long[table.Width];
            _rows[key] = row;
        }
        return row;
    }

    /// <summary>Adds every non-zero row to the table, in key order, inside the transaction open on the statements' connection.</summary>
    public int WriteTo(WriterStatements statements, string? tableName = null)
    {
        var name = tableName ?? table.Name;
        var keyCount = table.KeyColumns.Length;
        Span<int> key = stackalloc int[5];
        var byMask = new Dictionary<int, PreparedStatement>();
        var written = 0;
        foreach (var k in SortedKeys(_rows))
        {
            var values = _rows[k];
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
            // Found by mask here, so that a row does not hash the table name and the statement's text.
            if (!byMask.TryGetValue(mask, out var statement))
            {
                statement = statements.Prepared(SqlByMask.GetOrAdd((name, mask), k => table.UpsertSql(k.Table, k.Mask)));
                byMask[mask] = statement;
            }
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
            // UpsertSql names its parameters in VALUES in this order, so their positions are 1, 2, ….
            var p = 1;
            for (var i = 0; i < keyCount; i++)
            {
                statement.Bind(p++, key[i]);
            }
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    statement.Bind(p++, values[i]);
                }
            }
            statement.Execute();
            written++;
        }
        return written;
    }

    /// <summary>
    /// Keys in the table's order (A, B, C, grain, period is the order of every rollup table's key
    /// columns, unused parts being 0): consecutive upserts then land on the same or the next B-tree
    /// page instead of jumping across the table.
    /// </summary>
    internal static RollupKey[] SortedKeys<TValue>(Dictionary<RollupKey, TValue> rows)
    {
        var keys = new RollupKey[rows.Count];
        rows.Keys.CopyTo(keys, 0);
        Array.Sort(keys, KeyOrder.Instance);
        return keys;
    }

    /// <summary>Orders keys as the tables do.</summary>
    internal static int Compare(RollupKey x, RollupKey y)
    {
        var c = x.A.CompareTo(y.A);
        if (c == 0)
        {
            c = x.B.CompareTo(y.B);
        }
        if (c == 0)
        {
            c = x.C.CompareTo(y.C);
        }
        if (c == 0)
        {
            c = x.Grain.CompareTo(y.Grain);
        }
        return c != 0 ? c : x.Period.CompareTo(y.Period);
    }

    private sealed class KeyOrder : IComparer<RollupKey>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(RollupKey x, RollupKey y) => RollupDeltas.Compare(x, y);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, int Mask), string> SqlByMask = new();
}

/// <summary>Answer-time histogram deltas (unit, dimension, value, grain, period, hours) → count.</summary>
public sealed class AnswerTimeDeltas
{
    /// <summary>The histogram's table (Ioc.Data's TicketAnswerTimeRow), which the writers, the rebuild's scratch copy and the readers name.</summary>
    public const string TableName = "TicketAnswerTimes";

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

    public int WriteTo(WriterStatements statements, string tableName = TableName)
    {
        var statement = statements.Prepared(
            $"INSERT INTO {tableName} (UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count) VALUES (@u, @d, @v, @g, @p, @h, @n) " +
            "ON CONFLICT (UnitId, Dimension, DimensionValue, Grain, Period, Hours) DO UPDATE SET Count = Count + excluded.Count");
        var keys = new (RollupKey Key, int Hours)[_rows.Count];
        _rows.Keys.CopyTo(keys, 0);
        // In the table's key order, as RollupDeltas writes its rows.
        Array.Sort(keys, (x, y) => RollupDeltas.Compare(x.Key, y.Key) is var c and not 0 ? c : x.Hours.CompareTo(y.Hours));
        var written = 0;
        foreach (var k in keys)
        {
            var count = _rows[k];
            if (count == 0)
            {
                continue;
            }
            var (key, hours) = k;
            statement.Bind(1, key.A);
            statement.Bind(2, key.B);
            statement.Bind(3, key.C);
            statement.Bind(4, key.Grain);
            statement.Bind(5, key.Period);
            statement.Bind(6, hours);
            statement.Bind(7, count);
            statement.Execute();
            written++;
        }
        return written;
    }
}
