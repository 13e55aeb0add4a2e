using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Data.Sqlite;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>
/// The writer's store on SQLite: one long-lived connection whose prepared statements stay cached (the
/// writer's lock guarantees nobody else uses it), rows bound by position (PreparedStatement).
/// </summary>
public sealed class SqliteIngestStore(SqliteDatabase database) : IIngestStore
{
    private SqliteConnection? _connection;
    private WriterStatements? _statements;

    /// <summary>The writer connection's statements, opened if needed (rebuild and indexing run on them with ingest held off).</summary>
    public WriterStatements Statements()
    {
        if (_connection is null || _connection.State != System.Data.ConnectionState.Open)
        {
            Reset();
            _connection = database.Open();
            _statements = new WriterStatements(_connection);
        }
        return _statements!;
    }

    public IIngestTransaction Begin(DossierStateCache? cache) => new SqliteIngestTransaction(Statements(), cache);

    public IRebuildTransaction BeginRebuild() => new SqliteRebuildTransaction(Statements());

    public void Reset()
    {
        _statements?.Dispose();
        _connection?.Dispose();
        _statements = null;
        _connection = null;
    }

    public void Dispose() => Reset();
}

/// <summary>One ingest transaction on SQLite: BEGIN IMMEDIATE, a savepoint per chunk, the prepared statements of <see cref="StateStore"/>.</summary>
internal sealed class SqliteIngestTransaction : IIngestTransaction
{
    private readonly WriterStatements _statements;
    private readonly SqliteTransaction _transaction;
    private bool _completed;
    private DeferredIndexes? _deferred;

    public SqliteIngestTransaction(WriterStatements statements, DossierStateCache? cache)
    {
        _statements = statements;
        // Before the transaction: another connection's commit shows in data_version, which empties the cache.
        cache?.Refresh(statements.Connection);
        Cache = cache;
        _transaction = statements.Connection.BeginTransaction(deferred: false);
    }

    public DossierStateCache? Cache { get; }

    /// <summary>The transaction, for work that shares it (the rebuild's own statements).</summary>
    internal SqliteTransaction Transaction => _transaction;

    public Dictionary<string, string> StoredEvents(string source, IReadOnlyCollection<string> ids) =>
        StateStore.StoredEvents(_statements, _transaction, source, ids);

    public Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes) => StateStore.LoadDossiers(_statements, _transaction, codes);

    public Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes) => StateStore.LoadTickets(_statements, _transaction, codes);

    public Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes) => DocumentStore.Load(_statements, _transaction, codes);

    public void PrepareBulkLoad(long expectedEvents) =>
        _deferred = DeferredIndexes.DropIfWorthIt(_statements.Connection, _transaction, expectedEvents);

    public void BeginChunk() => Execute("SAVEPOINT chunk");

    public void EndChunk() => Execute("RELEASE chunk");

    public void UndoChunk()
    {
        Execute("ROLLBACK TO chunk");
        Execute("RELEASE chunk");
    }

    public void WriteEvents(string source, IReadOnlyList<ParsedEvent> events, long acceptedAt)
    {
        var insert = _statements.Prepared(
            $"INSERT INTO Events ({IngestSession.EventColumns}) VALUES (@id, @source, @type, @entity, @at, @accepted, @payload)");
        foreach (var e in events)
        {
            insert.Bind(1, e.Wire.Id);
            insert.Bind(2, source);
            insert.Bind(3, e.Wire.Type);
            insert.Bind(4, e.EntityCode);
            insert.Bind(5, e.OccurredAt.ToUnixTimeMilliseconds());
            insert.Bind(6, acceptedAt);
            insert.Bind(7, e.Payload);
            insert.Execute();
        }
    }

    public void SaveDossiers(IEnumerable<(DossierState State, bool IsNew)> states) => StateStore.SaveDossiers(_statements, states);

    public void SaveTickets(IEnumerable<(TicketState State, bool IsNew)> states, ReferenceCatalog catalog) => StateStore.SaveTickets(_statements, states, catalog);

    public void SaveDocuments(IEnumerable<DocumentState> states) => DocumentStore.Save(_statements, states);

    public void WriteRollups(RollupProjector projector) => projector.WriteTo(_statements);

    public void Commit()
    {
        _deferred?.Restore(_statements.Connection, _transaction);
        _transaction.Commit();
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _transaction.Rollback();
        }
        _transaction.Dispose();
    }

    private void Execute(string sql) => _statements.Get(sql, _transaction).ExecuteNonQuery();
}
