using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Ingest;

/// <summary>What committed chunks changed, for the publisher.</summary>
public sealed class IngestChanges
{
    public HashSet<int> Units { get; } = [];

    public List<TicketChange> Tickets { get; } = [];

    public int Accepted { get; set; }

    public int Duplicates { get; set; }

    public void Add(IngestChanges other)
    {
        Units.UnionWith(other.Units);
        Tickets.AddRange(other.Tickets);
        Accepted += other.Accepted;
        Duplicates += other.Duplicates;
    }
}

/// <summary>The outcome of one chunk: its errors (nothing of it written) or what it changed.</summary>
public sealed record ChunkResult(IReadOnlyList<IngestError> Errors, IngestChanges Changes)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// One database transaction of ingest, holding one or more chunks. The API groups the batches that
/// wait for the writer into one session (one commit, one fsync); a CSV backfill is one session with
/// many chunks, so that a file is stored whole or not at all. Each chunk is validated completely
/// against the current states (including those of earlier chunks of the session) before any of it
/// is written, and its events and states are written inside its own savepoint, so a failing chunk
/// leaves the others intact. Rollup deltas are summed over the whole session and written at the
/// commit, each touched rollup row once, in key order.
/// </summary>
public sealed class IngestSession : IDisposable
{
    /// <summary>An id the source used before for an event with other content.</summary>
    public const string IdConflict = "event.id-conflict";

    /// <summary>The event store's columns as ingest writes them (Ioc.Data.Entities.StoredEvent but its generated Seq; checked by SchemaSourceTests).</summary>
    internal const string EventColumns = "EventId, Source, Type, EntityCode, OccurredAt, AcceptedAt, Payload";

    /// <summary>Summed rollup rows a session holds before it writes them (about 30 MiB): a backfill of a year would otherwise hold millions.</summary>
    internal const int MaxPendingRollupRows = 100_000;

    private readonly IIngestTransaction _tx;
    private readonly ReferenceCatalog _catalog;
    private readonly WorkingCalendar _calendar;
    private readonly TicketWorkflow _workflow;
    private readonly RollupProjector _projector;
    private readonly ProvinceClock _clock;
    private readonly DossierStateCache? _cache;
    private readonly int _maxPendingRollupRows;
    // States written by earlier chunks of this session, newer than both the cache and what others can read.
    private readonly Dictionary<string, DossierState> _written = new(StringComparer.Ordinal);
    // Set while a chunk's deltas are added to the session's sums; still set after a failure there.
    private bool _projecting;

    /// <param name="cache">Open dossiers' states; null reads every state from the database (backfill, whose writes would not fit in memory).</param>
    /// <param name="maxPendingRollupRows">Summed rollup rows held before they are written part way (tests make it small).</param>
    internal IngestSession(WriterStatements statements, ReferenceCatalog catalog, WorkingCalendar calendar, ProvinceClock clock, DossierStateCache? cache, int maxPendingRollupRows = MaxPendingRollupRows)
        : this(new SqliteIngestTransaction(statements, cache), catalog, calendar, clock, maxPendingRollupRows)
    {
    }

    /// <param name="transaction">The store's transaction, which this session owns (commits or rolls back) from now on; its cache is the one used.</param>
    internal IngestSession(IIngestTransaction transaction, ReferenceCatalog catalog, WorkingCalendar calendar, ProvinceClock clock, int maxPendingRollupRows = MaxPendingRollupRows)
    {
        _maxPendingRollupRows = maxPendingRollupRows;
        _tx = transaction;
        _cache = transaction.Cache;
        _catalog = catalog;
        _calendar = calendar;
        _workflow = new TicketWorkflow(catalog, calendar);
        _projector = new RollupProjector(catalog);
        _clock = clock;
    }

    /// <summary>What the successful chunks of this session changed.</summary>
    public IngestChanges Changes { get; } = new();

    /// <summary>Dossier states this session wrote, for the cache once committed.</summary>
    internal IEnumerable<DossierState> WrittenDossiers => _written.Values;

    /// <summary>Validates the chunk and, when every event is valid, writes it.</summary>
    /// <param name="validateOnly">Check against the current states but write nothing (another check already failed).</param>
    public ChunkResult Apply(string source, IReadOnlyList<ParsedEvent> events, bool validateOnly = false)
    {
        var errors = new List<IngestError>();
        var changes = new IngestChanges();
        var phase = IngestTimings.Start();
        // An id names one event of its source: the same content again is a retry (acknowledged,
        // ignored); other content under a used id is a source's mistake that would lose an event.
        var inBatch = new Dictionary<string, ParsedEvent>(StringComparer.Ordinal);
        var stored = _tx.StoredEvents(source, [.. events.Select(e => e.Wire.Id!).Distinct()]);
        var fresh = new List<ParsedEvent>(events.Count);
        foreach (var e in events)
        {
            var id = e.Wire.Id!;
            var earlier = stored.TryGetValue(id, out var payload) ? payload : inBatch.TryGetValue(id, out var first) ? first.Payload : null;
            if (earlier is null)
            {
                inBatch[id] = e;
                fresh.Add(e);
            }
            else if (earlier == e.Payload)
            {
                changes.Duplicates++;
            }
            else
            {
                errors.Add(new IngestError(e.Index, id, IdConflict,
                    $"Event id '{id}' was used {(stored.ContainsKey(id) ? "before" : "earlier in this batch")} by source '{source}' for an event with other content."));
            }
        }
        IngestTimings.Stop(IngestTimings.Phase.Dedupe, phase);

        phase = IngestTimings.Start();
        var dossiersBefore = LoadDossiers(fresh.Where(e => e.Dossier is not null).Select(e => e.EntityCode).ToHashSet(StringComparer.Ordinal));
        var ticketCodes = fresh.Where(e => e.Ticket is not null)
            .SelectMany(e => e.Ticket!.DuplicateOf is string d ? new[] { e.EntityCode, d } : [e.EntityCode])
            .ToHashSet(StringComparer.Ordinal);
        var ticketsBefore = _tx.LoadTickets(ticketCodes);
        var documentsBefore = _tx.LoadDocuments(fresh.Where(e => e.Document is not null).Select(e => e.EntityCode).ToHashSet(StringComparer.Ordinal));
        IngestTimings.Stop(IngestTimings.Phase.LoadStates, phase);

        phase = IngestTimings.Start();
        var dossiers = new Dictionary<string, DossierState>(dossiersBefore, StringComparer.Ordinal);
        var tickets = new Dictionary<string, TicketState>(ticketsBefore, StringComparer.Ordinal);
        var changedDossiers = new HashSet<string>(StringComparer.Ordinal);
        var changedTickets = new List<string>();
        var documents = new Dictionary<string, DocumentState>(documentsBefore, StringComparer.Ordinal);
        var changedDocuments = new HashSet<string>(StringComparer.Ordinal);
        // After a refused event, an entity's later events would be judged against a state that is
        // not what the source believes it is: name them instead of guessing.
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in fresh)
        {
            if (refused.Contains(e.EntityKey))
            {
                errors.Add(new IngestError(e.Index, e.Wire.Id, "event.after-refused", $"An earlier event of {e.EntityCode} in this batch was refused, so this one cannot be judged."));
                continue;
            }
            if (e.Dossier is DossierEvent de)
            {
                var t = DossierLifecycle.Apply(dossiers.GetValueOrDefault(de.DossierCode), de, _catalog, _calendar);
                if (!t.Succeeded)
                {
                    errors.Add(new IngestError(e.Index, e.Wire.Id, t.ErrorCode!, t.Error!));
                    refused.Add(e.EntityKey);
                    continue;
                }
                dossiers[de.DossierCode] = t.State!;
                changedDossiers.Add(de.DossierCode);
            }
            else if (e.Ticket is TicketEvent te)
            {
                var original = te.DuplicateOf is string d ? tickets.GetValueOrDefault(d) : null;
                var t = _workflow.Apply(tickets.GetValueOrDefault(te.TicketCode), te, original);
                if (!t.Succeeded)
                {
                    errors.Add(new IngestError(e.Index, e.Wire.Id, t.ErrorCode!, t.Error!));
                    refused.Add(e.EntityKey);
                    continue;
                }
                tickets[te.TicketCode] = t.State!;
                if (!changedTickets.Contains(te.TicketCode))
                {
                    changedTickets.Add(te.TicketCode);
                }
            }
            else if (e.Document is DocumentEvent ke)
            {
                var t = DocumentLifecycle.Apply(documents.GetValueOrDefault(ke.DocumentCode), ke);
                if (!t.Succeeded)
                {
                    errors.Add(new IngestError(e.Index, e.Wire.Id, t.ErrorCode!, t.Error!));
                    refused.Add(e.EntityKey);
                    continue;
                }
                documents[ke.DocumentCode] = t.State!;
                changedDocuments.Add(ke.DocumentCode);
            }
        }
        IngestTimings.Stop(IngestTimings.Phase.Validate, phase);
        if (errors.Count > 0 || validateOnly)
        {
            return new ChunkResult(errors, changes);
        }

        _tx.BeginChunk();
        try
        {
            phase = IngestTimings.Start();
            _tx.WriteEvents(source, fresh, _clock.UtcNow.ToUnixTimeMilliseconds());
            IngestTimings.Stop(IngestTimings.Phase.WriteEvents, phase);
            phase = IngestTimings.Start();
            _tx.SaveDossiers(changedDossiers.Select(c => (dossiers[c], !dossiersBefore.ContainsKey(c))));
            _tx.SaveTickets(changedTickets.Select(c => (tickets[c], !ticketsBefore.ContainsKey(c))), _catalog);
            _tx.SaveDocuments(changedDocuments.Select(c => documents[c]));
            IngestTimings.Stop(IngestTimings.Phase.WriteStates, phase);
            _tx.EndChunk();
        }
        catch
        {
            _tx.UndoChunk();
            throw;
        }

        // The chunk's rows are written; its rollup deltas join those of the session's earlier chunks,
        // so that a rollup row touched by several events or batches is written once, at the commit.
        // Deltas cannot be taken back out of the sum: should this part fail, nothing of the session may commit.
        _projecting = true;
        phase = IngestTimings.Start();
        foreach (var code in changedDossiers)
        {
            var after = dossiers[code];
            _projector.Project(dossiersBefore.GetValueOrDefault(code), after);
            foreach (var unit in _catalog.Units.Scopes(after.UnitId))
            {
                changes.Units.Add(unit);
            }
        }
        foreach (var code in changedTickets)
        {
            var before = ticketsBefore.GetValueOrDefault(code);
            var after = tickets[code];
            _projector.Project(before, after);
            foreach (var unit in _projector.TicketScopes(after).Concat(before is null ? [] : _projector.TicketScopes(before)))
            {
                changes.Units.Add(unit);
            }
            changes.Tickets.Add(new TicketChange(0, ChangeKind(before, after), code, after.Status.ToString(), after.UnitId, after.CategoryId, after.LastEventAt));
        }
        foreach (var code in changedDocuments)
        {
            var before = documentsBefore.GetValueOrDefault(code);
            var after = documents[code];
            _projector.Project(before, after);
            foreach (var unit in _catalog.Units.Scopes(after.UnitId))
            {
                changes.Units.Add(unit);
            }
        }
        IngestTimings.Stop(IngestTimings.Phase.Project, phase);
        if (_projector.PendingRows >= _maxPendingRollupRows)
        {
            // A long session (a backfill) writes its sums part way, to keep them within memory.
            WriteRollups();
        }
        _projecting = false;

        if (_cache is not null)
        {
            foreach (var code in changedDossiers)
            {
                _written[code] = dossiers[code];
            }
        }
        changes.Accepted = fresh.Count;
        Changes.Add(changes);
        return new ChunkResult([], changes);
    }

    public void Commit()
    {
        if (_projecting)
        {
            // A chunk failed half way through adding its rollup deltas (or writing them): the sums are not whole.
            throw new InvalidOperationException("A chunk failed while its rollups were projected; the session cannot commit.");
        }
        WriteRollups();
        var phase = IngestTimings.Start();
        _tx.Commit();
        IngestTimings.Stop(IngestTimings.Phase.Commit, phase);
    }

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose() => _tx.Dispose();

    /// <summary>States of the chunk's dossiers: written earlier in this session, else cached (open), else from the database.</summary>
    private Dictionary<string, DossierState> LoadDossiers(HashSet<string> codes)
    {
        var result = new Dictionary<string, DossierState>(codes.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var code in codes)
        {
            if (_written.TryGetValue(code, out var s) || (_cache is not null && _cache.TryGet(code, out s)))
            {
                result[code] = s;
            }
            else
            {
                missing.Add(code);
            }
        }
        if (missing.Count > 0)
        {
            foreach (var (code, s) in _tx.LoadDossiers(missing))
            {
                result[code] = s;
            }
        }
        return result;
    }

    private static TicketChangeKind ChangeKind(TicketState? before, TicketState after) =>
        before is null ? TicketChangeKind.Created
        : before.UnitId != after.UnitId ? TicketChangeKind.Assigned
        : before.Status != after.Status ? TicketChangeKind.StatusChanged
        : TicketChangeKind.Updated;

    private void WriteRollups()
    {
        var phase = IngestTimings.Start();
        _tx.WriteRollups(_projector);
        IngestTimings.Stop(IngestTimings.Phase.WriteRollups, phase);
    }
}
