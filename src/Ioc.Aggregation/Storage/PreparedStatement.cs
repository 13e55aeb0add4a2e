using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// A write statement prepared once on the writer's connection and bound by position through
/// SQLitePCLRaw, the library under Microsoft.Data.Sqlite. The writer runs a few statements
/// thousands of times per batch (rollup upserts, event and state rows); through SqliteCommand each
/// execution looked every parameter up by name, boxed its value and allocated a binder and a data
/// reader, which the profile showed as half of a batch's time. Runs inside whatever transaction
/// the connection has open (the writer's), like any statement on the same handle.
/// </summary>
public sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public PreparedStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        // PERSISTENT: the statement lives as long as the connection, so SQLite may keep it in its long-lived memory.
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var stmt, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            throw Error(rc, _db);
        }
        if (!string.IsNullOrWhiteSpace(tail))
        {
            stmt.Dispose();
            throw new ArgumentException("One statement only.", nameof(sql));
        }
        _stmt = stmt;
        Sql = sql;
    }

    public string Sql { get; }

    /// <summary>The 1-based position of a named parameter (@name), for the Bind calls; resolved once.</summary>
    public int Index(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            index = raw.sqlite3_bind_parameter_index(_stmt, name);
            if (index == 0)
            {
                throw new ArgumentException($"The statement has no parameter {name}: {Sql}", nameof(name));
            }
            _indexes[name] = index;
        }
        return index;
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, bool value) => Bind(index, value ? 1L : 0L);

    public void Bind(int index, long? value)
    {
        if (value is long v)
        {
            Bind(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    public void Bind(int index, bool? value) => Bind(index, value is bool b ? (b ? 1L : 0L) : null);

    public void Bind(int index, double? value) =>
        Check(value is double v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Runs the statement to completion and makes it ready for the next bindings (which replace these).</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        // Reset whatever happened, so a failed row does not leave the statement busy for the next batch.
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            throw rc == raw.SQLITE_ROW ? new InvalidOperationException($"A write statement returned rows: {Sql}") : Error(rc, _db);
        }
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc, _db);
        }
    }

    /// <summary>The exception Microsoft.Data.Sqlite would throw, so callers catch one type whichever way a statement ran.</summary>
    private static SqliteException Error(int rc, sqlite3 db) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string() is { Length: > 0 } message ? $"SQLite Error {rc}: '{message}'." : $"SQLite Error {rc}.", rc, raw.sqlite3_extended_errcode(db));
}
