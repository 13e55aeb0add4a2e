using System.Data.Common;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Rebuild;
using Ioc.Data;
using Ioc.Data.PostgreSql;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;
using Npgsql;

namespace Ioc.Aggregation.Storage.PostgreSql;

/// <summary>
/// The writer's store on PostgreSQL: one connection from the shared data source, kept while it works.
/// Over a network each statement is a round trip, so every write of a chunk is one statement whose rows
/// come from arrays (<c>unnest</c>), and lookups pass their codes as one array (<c>= ANY</c>).
/// </summary>
public sealed class PostgreSqlIngestStore(PostgreSqlDatabase database) : IIngestStore
{
    private NpgsqlConnection? _connection;

    public IIngestTransaction Begin(DossierStateCache? cache)
    {
        var connection = Connection();
        // PostgreSQL has no cheap equivalent of SQLite's data_version to tell that another process wrote
        // (several nodes may share the server): every chunk reads its dossiers' states instead.
        cache?.Invalidate();
        return new PostgreSqlIngestTransaction(connection);
    }

    public IRebuildTransaction BeginRebuild() => new PostgreSqlRebuildTransaction(Connection());

    private NpgsqlConnection Connection()
    {
        if (_connection is null || _connection.State != System.Data.ConnectionState.Open)
        {
            Reset();
            _connection = database.DataSource.OpenConnection();
        }
        return _connection;
    }

    public void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Reset();
}

/// <summary>One ingest transaction on PostgreSQL: a savepoint per chunk, writes from arrays, the rollups through <see cref="PostgreSqlRollupUpsert"/>.</summary>
internal sealed class PostgreSqlIngestTransaction : IIngestTransaction
{
    /// <summary>
    /// The advisory lock every ingest transaction holds until it ends, whichever node runs it: validation reads
    /// states that the previous transaction wrote, so writers take turns, as SQLite's BEGIN IMMEDIATE makes them.
    /// </summary>
    internal const long WriterLock = 0x10C_15_1;

    private static readonly SqlDialect Sql = SqlDialect.PostgreSql;

    private static readonly string EventInsert =
        $"INSERT INTO {Sql.Name("Events")} ({Columns(IngestSession.EventColumns)}) SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)";

    private static readonly string StoredEventSelect =
        $"SELECT {Sql.Name("EventId")}, {Sql.Name("Payload")} FROM {Sql.Name("Events")} WHERE {Sql.Name("Source")} = $1 AND {Sql.Name("EventId")} = ANY($2)";

    // A dossier's mutable columns only, as SQLite's update: those that never change keep their index entries.
    private static readonly string DossierUpsert = Upsert("Dossiers", StateStore.DossierRowColumns, StateStore.DossierMutableColumns);

    private static readonly string TicketUpsert = Upsert("Tickets", StateStore.TicketRowColumns, StateStore.TicketRowColumns[1..]);

    private static readonly string DocumentUpsert = Upsert("Documents", DocumentStore.RowColumns, DocumentStore.RowColumns[1..]);

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _completed;
    private bool _inChunk;
    // A statement failed outside a chunk's savepoint: PostgreSQL has aborted the transaction, and its COMMIT would roll back.
    private bool _aborted;

    public PostgreSqlIngestTransaction(NpgsqlConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        // Durable before acknowledged: whatever the server's or the role's default, this transaction's commit waits for its WAL flush.
        using var begin = new NpgsqlCommand($"SET LOCAL synchronous_commit TO on; SELECT pg_advisory_xact_lock({WriterLock})", connection, _transaction);
        begin.ExecuteNonQuery();
    }

    /// <summary>None: see <see cref="PostgreSqlIngestStore.Begin"/>.</summary>
    public DossierStateCache? Cache => null;

    /// <summary>The connection and transaction, for work that shares the transaction and its lock (the rebuild's own statements).</summary>
    internal NpgsqlConnection Connection => _connection;

    internal NpgsqlTransaction Transaction => _transaction;

    public Dictionary<string, string> StoredEvents(string source, IReadOnlyCollection<string> ids) => Guarded(() => ReadStored(source, ids));

    private Dictionary<string, string> ReadStored(string source, IReadOnlyCollection<string> ids)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }
        using var command = Command(StoredEventSelect);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        using var r = Prepared(command).ExecuteReader();
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetString(1);
        }
        return result;
    }

    public Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes) =>
        Load("Dossiers", StateStore.DossierColumns, codes, StateStore.ReadDossier, s => s.Code);

    public Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes) =>
        Load("Tickets", StateStore.TicketColumns, codes, StateStore.ReadTicket, s => s.Code);

    public Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes) =>
        Load("Documents", DocumentStore.SelectColumns, codes, DocumentStore.Read, s => s.Code);

    public void BeginChunk()
    {
        Guarded(() => _transaction.Save("chunk"));
        _inChunk = true;
    }

    public void EndChunk()
    {
        _transaction.Release("chunk");
        _inChunk = false;
    }

    /// <summary>Also what makes the transaction usable again after a failed statement (PostgreSQL refuses every statement until then).</summary>
    public void UndoChunk()
    {
        _inChunk = false;
        Guarded(() =>
        {
            _transaction.Rollback("chunk");
            _transaction.Release("chunk");
        });
    }

    public void WriteEvents(string source, IReadOnlyList<ParsedEvent> events, long acceptedAt)
    {
        if (events.Count == 0)
        {
            return;
        }
        var ids = new string[events.Count];
        var types = new string[events.Count];
        var entities = new string[events.Count];
        var occurred = new long[events.Count];
        var payloads = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            (ids[i], types[i], entities[i], occurred[i], payloads[i]) =
                (e.Wire.Id!, e.Wire.Type!, e.EntityCode, e.OccurredAt.ToUnixTimeMilliseconds(), e.Payload);
        }
        // No ON CONFLICT: the session stored none of these ids before (it read them under the writer lock), so a
        // conflict would be a bug, which must refuse the chunk rather than drop an event silently.
        using var command = Command(EventInsert);
        Add(command, ids);
        Add(command, Enumerable.Repeat(source, events.Count).ToArray());
        Add(command, types);
        Add(command, entities);
        Add(command, occurred);
        Add(command, Enumerable.Repeat(acceptedAt, events.Count).ToArray());
        Add(command, payloads);
        Prepared(command).ExecuteNonQuery();
    }

    public void SaveDossiers(IEnumerable<(DossierState State, bool IsNew)> states)
    {
        var rows = states.Select(s => s.State).ToArray();
        if (rows.Length == 0)
        {
            return;
        }
        // In the order of StateStore.DossierRowColumns.
        using var command = Command(DossierUpsert);
        Add(command, rows.Select(s => s.Code));
        Add(command, rows.Select(s => s.UnitId));
        Add(command, rows.Select(s => s.ProcedureId));
        Add(command, rows.Select(s => (int)s.Channel));
        Add(command, rows.Select(s => (int)s.OnlineLevel));
        Add(command, rows.Select(s => s.FeeBearing));
        Add(command, rows.Select(s => (int)s.Limit.Kind));
        Add(command, rows.Select(s => s.Limit.Amount));
        Add(command, rows.Select(s => UnixTime.Ms(s.ReceivedAt)));
        Add(command, rows.Select(s => s.InitialDue is DossierDue d ? UnixTime.Ms(d.Deadline) : (long?)null));
        Add(command, rows.Select(s => s.Due is DossierDue d ? UnixTime.Ms(d.Deadline) : (long?)null));
        Add(command, rows.Select(s => (int)s.Status));
        Add(command, rows.Select(StateStore.ClockRuns));
        Add(command, rows.Select(s => s.Pauses.Count));
        Add(command, rows.Select(s => StateStore.FormatPauses(s.Pauses)));
        Add(command, rows.Select(s => UnixTime.Ms(s.FinishedAt)));
        Add(command, rows.Select(s => (int)s.Flags));
        Add(command, rows.Select(s => UnixTime.Ms(s.LastEventAt)));
        Add(command, rows.Select(s => s.FinishedOnTime));
        Prepared(command).ExecuteNonQuery();
    }

    public void SaveTickets(IEnumerable<(TicketState State, bool IsNew)> states, ReferenceCatalog catalog)
    {
        var rows = states.Select(s => s.State).ToArray();
        if (rows.Length == 0)
        {
            return;
        }
        // In the order of StateStore.TicketRowColumns.
        using var command = Command(TicketUpsert);
        Add(command, rows.Select(s => s.Code));
        Add(command, rows.Select(s => (int)s.Channel));
        Add(command, rows.Select(s => s.CategoryId));
        Add(command, rows.Select(s => s.Text));
        Add(command, rows.Select(s => s.Address));
        Add(command, rows.Select(s => s.CommuneId));
        Add(command, rows.Select(s => s.Latitude));
        Add(command, rows.Select(s => s.Longitude));
        Add(command, rows.Select(s => s.ReporterName));
        Add(command, rows.Select(s => s.ReporterPhone));
        Add(command, rows.Select(s => s.IsPublic));
        Add(command, rows.Select(s => (int)s.Urgency));
        Add(command, rows.Select(s => s.UnitId));
        Add(command, rows.Select(s => UnixTime.Ms(s.CreatedAt)));
        Add(command, rows.Select(s => UnixTime.Ms(s.DueAt)));
        Add(command, rows.Select(s => s.DueOverrideReason));
        Add(command, rows.Select(s => (int)s.Status));
        Add(command, rows.Select(s => s.IsOpen));
        Add(command, rows.Select(s => UnixTime.Ms(s.PausedAt)));
        Add(command, rows.Select(s => (long)s.PausedClockTime.TotalMilliseconds));
        Add(command, rows.Select(s => (long)s.PausedWorkingTime.TotalMilliseconds));
        Add(command, rows.Select(s => UnixTime.Ms(s.AnsweredAt)));
        Add(command, rows.Select(s => s.AnsweredOnTime));
        Add(command, rows.Select(s => s.Answer));
        Add(command, rows.Select(s => UnixTime.Ms(s.ResolvedAt)));
        Add(command, rows.Select(s => s.Satisfied));
        Add(command, rows.Select(s => UnixTime.Ms(s.RatedAt)));
        Add(command, rows.Select(s => s.DuplicateOf));
        Add(command, rows.Select(s => s.StatusReason));
        Add(command, rows.Select(s => UnixTime.Ms(s.LastEventAt)));
        Add(command, rows.Select(s => StateStore.SearchTextOf(s, catalog)));
        Prepared(command).ExecuteNonQuery();
    }

    public void SaveDocuments(IEnumerable<DocumentState> states)
    {
        var rows = states.ToArray();
        if (rows.Length == 0)
        {
            return;
        }
        // In the order of DocumentStore.RowColumns.
        using var command = Command(DocumentUpsert);
        Add(command, rows.Select(s => s.Code));
        Add(command, rows.Select(s => s.UnitId));
        Add(command, rows.Select(s => (int)s.Direction));
        Add(command, rows.Select(s => s.Electronic));
        Add(command, rows.Select(s => s.InterConnected));
        Add(command, rows.Select(s => s.DigitallySigned));
        Add(command, rows.Select(s => s.Subject));
        Add(command, rows.Select(s => UnixTime.Ms(s.RegisteredAt)));
        Add(command, rows.Select(s => UnixTime.Ms(s.AssignedAt)));
        Add(command, rows.Select(s => s.Assignee));
        Add(command, rows.Select(s => UnixTime.Ms(s.DueAt)));
        Add(command, rows.Select(s => UnixTime.Ms(s.DueSetAt)));
        Add(command, rows.Select(s => (int)s.Status));
        Add(command, rows.Select(s => s.IsOpen));
        Add(command, rows.Select(s => UnixTime.Ms(s.ProcessedAt)));
        Add(command, rows.Select(s => UnixTime.Ms(s.LastEventAt)));
        Prepared(command).ExecuteNonQuery();
    }

    public void WriteRollups(RollupProjector projector) => WriteRollups(projector, tablePrefix: "");

    /// <param name="tablePrefix">Adds to prefixed copies of the rollup tables (the rebuild's scratch tables) instead of the live ones.</param>
    internal void WriteRollups(RollupProjector projector, string tablePrefix) => Guarded(() =>
    {
        PostgreSqlRollupUpsert.Write(_connection, _transaction, projector.Dossiers, tablePrefix + RollupTable.Dossiers.Name);
        PostgreSqlRollupUpsert.Write(_connection, _transaction, projector.Tickets, tablePrefix + RollupTable.Tickets.Name);
        PostgreSqlRollupUpsert.Write(_connection, _transaction, projector.AnswerTimes, tablePrefix + AnswerTimeDeltas.TableName);
        PostgreSqlRollupUpsert.Write(_connection, _transaction, projector.Documents, tablePrefix + RollupTable.Documents.Name);
        projector.Clear();
    });

    public void PrepareBulkLoad(long expectedEvents)
    {
        // Indexes stay: DROP INDEX would lock the table against the running servers' reads until the commit.
    }

    public void Commit()
    {
        // PostgreSQL answers COMMIT in an aborted transaction by rolling back, without an error: chunks
        // applied before the failure would be acknowledged and lost.
        if (_aborted)
        {
            throw new InvalidOperationException("A statement of this ingest transaction failed outside a chunk's savepoint; PostgreSQL aborted the transaction, so nothing of it is committed.");
        }
        _transaction.Commit();
        _completed = true;
    }

    public void Dispose()
    {
        // A transaction whose connection broke or was closed (the pipeline resets the store after a failed
        // commit) is already over on the server: there is nothing left to roll back.
        if (!_completed && _transaction.Connection is not null && _connection.State == System.Data.ConnectionState.Open)
        {
            _transaction.Rollback();
        }
        _transaction.Dispose();
    }

    /// <summary>Runs work, noting a failure outside a chunk, which leaves the transaction aborted.</summary>
    private T Guarded<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch when (!_inChunk)
        {
            _aborted = true;
            throw;
        }
    }

    private void Guarded(Action work) => Guarded(() =>
    {
        work();
        return true;
    });

    private NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    /// <summary>
    /// The command, prepared: the writer's statements are a dozen fixed texts, so Npgsql keeps each prepared on the
    /// server connection after its first use and every later chunk skips parsing and planning them (for the
    /// stored-events lookup, planning its 1,000 ids cost about as much as running it).
    /// </summary>
    internal static NpgsqlCommand Prepared(NpgsqlCommand command)
    {
        command.Prepare();
        return command;
    }

    private static void Add<T>(NpgsqlCommand command, T[] values) => command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values });

    private static void Add<T>(NpgsqlCommand command, IEnumerable<T> values) => Add(command, values.ToArray());

    private Dictionary<string, T> Load<T>(string table, string columns, IReadOnlyCollection<string> codes, Func<DbDataReader, T> read, Func<T, string> codeOf) =>
        Guarded(() => ReadByCode(table, columns, codes, read, codeOf));

    private Dictionary<string, T> ReadByCode<T>(string table, string columns, IReadOnlyCollection<string> codes, Func<DbDataReader, T> read, Func<T, string> codeOf)
    {
        var result = new Dictionary<string, T>(codes.Count, StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return result;
        }
        using var command = Command(ByCodeSelect(table, columns));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. codes] });
        using var r = Prepared(command).ExecuteReader();
        while (r.Read())
        {
            var s = read(r);
            result[codeOf(s)] = s;
        }
        return result;
    }

    /// <summary>
    /// The rows of a table whose codes are in the array <c>$1</c>, each found by one probe of the primary key.
    /// Not <c>"Code" = ANY($1)</c>: pg_trgm answers <c>=</c> too, and while Dossiers' trigram index is young (no
    /// VACUUM has counted it yet) the planner takes it for the cheaper one; every code then reads the posting
    /// lists of trigrams all codes share ("H49") and the whole pending list: in the providers benchmark half a
    /// second per chunk of a few hundred codes (up to 2.4 s), eight tenths of ingest's time. Per code, a unique
    /// key's one row is an estimate no statistics can spoil, and <c>LIMIT 1</c> keeps the LATERAL a probe per
    /// code (without it the planner may flatten it into a join that hashes the whole table).
    /// </summary>
    internal static string ByCodeSelect(string table, string columns) =>
        $"SELECT t.* FROM unnest($1::text[]) AS k(code) CROSS JOIN LATERAL " +
        $"(SELECT {Columns(columns)} FROM {Sql.Name(table)} WHERE {Sql.Name("Code")} = k.code LIMIT 1) AS t";

    /// <summary><c>INSERT … SELECT * FROM unnest($1 … $n) ON CONFLICT (Code) DO UPDATE SET</c> the <paramref name="updated"/> columns; one array parameter per column, in order.</summary>
    private static string Upsert(string table, string[] columns, string[] updated) =>
        $"INSERT INTO {Sql.Name(table)} ({string.Join(", ", columns.Select(Sql.Name))}) " +
        $"SELECT * FROM unnest({string.Join(", ", Enumerable.Range(1, columns.Length).Select(i => $"${i}"))}) " +
        $"ON CONFLICT ({Sql.Name("Code")}) DO UPDATE SET {string.Join(", ", updated.Select(c => $"{Sql.Name(c)} = excluded.{Sql.Name(c)}"))}";

    private static string Columns(string list) => string.Join(", ", list.Split(", ").Select(Sql.Name));
}
