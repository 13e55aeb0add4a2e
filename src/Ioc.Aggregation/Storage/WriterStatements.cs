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

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
