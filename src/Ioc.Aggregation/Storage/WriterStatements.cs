using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// Prepared statements of one connection, kept for its lifetime and keyed by their SQL. The single
/// writer runs the same few statements for every batch; preparing them once instead of per batch
/// took a noticeable share of ingest time.
/// </summary>
public sealed class WriterStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedStatement> _prepared = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>, created (with <paramref name="parameters"/> declared) on first use, bound to <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction, params string[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The statement for <paramref name="sql"/> bound by position (the hot writes), prepared on first use; it runs in the connection's open transaction.</summary>
    public PreparedStatement Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var statement))
        {
            statement = new PreparedStatement(connection, sql);
            _prepared[sql] = statement;
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        // Finalized before the connection goes back to the pool, where it may be closed.
        foreach (var statement in _prepared.Values)
        {
            statement.Dispose();
        }
        _prepared.Clear();
    }
}
