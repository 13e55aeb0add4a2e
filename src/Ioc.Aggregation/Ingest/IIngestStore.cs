using Ioc.Aggregation.Storage;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Ingest;

/// <summary>
/// Where the single writer stores events and states, whichever the database: one per pipeline, used only
/// under the writer's lock. SQLite keeps one connection with its prepared statements; PostgreSQL one
/// connection from the shared data source. Everything provider-specific of ingest is behind this and
/// <see cref="IIngestTransaction"/>; validation and projection (IngestSession) are the same on both.
/// </summary>
public interface IIngestStore : IDisposable
{
    /// <summary>Begins the transaction of one group commit (or of a whole backfill), holding off other writers until it ends.</summary>
    /// <param name="cache">Open dossiers' states kept between transactions, or null to read every state from the database.</param>
    IIngestTransaction Begin(DossierStateCache? cache);

    /// <summary>Begins the rollup rebuild's transaction, holding off other writers as <see cref="Begin"/> does, with empty scratch rollup tables.</summary>
    Rebuild.IRebuildTransaction BeginRebuild();

    /// <summary>Drops the connection after a failed transaction, so that the next one starts on a fresh connection.</summary>
    void Reset();
}

/// <summary>
/// One transaction of ingest: reads for validation, then per chunk (one API batch) a savepoint holding
/// its events and states, then the session's summed rollup deltas and the commit. Calls are per chunk,
/// never per row: the implementations loop over the rows in their own way.
/// </summary>
public interface IIngestTransaction : IDisposable
{
    /// <summary>The cache this transaction's dossier reads may use (refreshed), or null when it may not.</summary>
    DossierStateCache? Cache { get; }

    /// <summary>The payloads of those of <paramref name="ids"/> that <paramref name="source"/> has already stored.</summary>
    Dictionary<string, string> StoredEvents(string source, IReadOnlyCollection<string> ids);

    Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes);

    Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes);

    Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes);

    /// <summary>
    /// Told before the first chunk of a bulk load (a backfill) how many events it brings, so that the store may
    /// build indexes once at the commit rather than row by row. A hint: PostgreSQL keeps its indexes, since a
    /// backfill there runs beside the servers, and a dropped index would lock its table against their reads
    /// until the commit. SQLite's backfill has the database alone.
    /// </summary>
    void PrepareBulkLoad(long expectedEvents);

    /// <summary>Opens the chunk's savepoint: what follows until <see cref="EndChunk"/> can be undone alone.</summary>
    void BeginChunk();

    void EndChunk();

    /// <summary>Takes back everything since <see cref="BeginChunk"/>, leaving the transaction's earlier chunks intact.</summary>
    void UndoChunk();

    /// <summary>Inserts new events (none of them stored before: the session checked), accepted at <paramref name="acceptedAt"/> (unix ms).</summary>
    void WriteEvents(string source, IReadOnlyList<ParsedEvent> events, long acceptedAt);

    void SaveDossiers(IEnumerable<(DossierState State, bool IsNew)> states);

    void SaveTickets(IEnumerable<(TicketState State, bool IsNew)> states, ReferenceCatalog catalog);

    void SaveDocuments(IEnumerable<DocumentState> states);

    /// <summary>Adds the projector's summed deltas to the rollup tables and empties it.</summary>
    void WriteRollups(RollupProjector projector);

    /// <summary>Commits durably: only after this returns may the chunks be acknowledged. Disposing without it rolls back.</summary>
    void Commit();
}
