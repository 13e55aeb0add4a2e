using System.Text.Json;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Ingest;

/// <summary>What a successful chunk changed, for the publisher.</summary>
public sealed class IngestChanges
{
    public HashSet<int> Units { get; } = [];

    public List<TicketChange> Tickets { get; } = [];

    public int Accepted { get; set; }

    public int Duplicates { get; set; }
}

/// <summary>
/// One database transaction of ingest. A request is one session with one chunk; a CSV backfill is
/// one session with many chunks, so that a file is stored whole or not at all. Each chunk is
/// validated completely against the current states before any of it is written.
/// </summary>
public sealed class IngestSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly ReferenceCatalog _catalog;
    private readonly WorkingCalendar _calendar;
    private readonly TicketWorkflow _workflow;
    private readonly RollupProjector _projector;
    private readonly ProvinceClock _clock;
    private readonly string _source;
    private bool _completed;

    internal IngestSession(SqliteConnection connection, ReferenceCatalog catalog, WorkingCalendar calendar, ProvinceClock clock, string source)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction(deferred: false);
        _catalog = catalog;
        _calendar = calendar;
        _workflow = new TicketWorkflow(catalog, calendar);
        _projector = new RollupProjector(catalog);
        _clock = clock;
        _source = source;
    }

    public IngestChanges Changes { get; } = new();

    public bool Failed { get; private set; }

    /// <summary>Validates the chunk and, when every event is valid, writes it. Returns the errors, empty on success.</summary>
    /// <param name="validateOnly">Check against the current states but write nothing (another check already failed).</param>
    public List<IngestError> Apply(IReadOnlyList<ParsedEvent> events, int indexOffset = 0, bool validateOnly = false)
    {
        var errors = new List<IngestError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var stored = StateStore.ExistingEventIds(_connection, _transaction, [.. events.Select(e => e.Wire.Id!).Distinct()]);
        var fresh = new List<ParsedEvent>(events.Count);
        foreach (var e in events)
        {
            if (stored.Contains(e.Wire.Id!) || !ids.Add(e.Wire.Id!))
            {
                Changes.Duplicates++;
                continue;
            }
            fresh.Add(e);
        }

        var dossierCodes = fresh.Where(e => e.Dossier is not null).Select(e => e.EntityCode).ToHashSet(StringComparer.Ordinal);
        var ticketCodes = fresh.Where(e => e.Ticket is not null)
            .SelectMany(e => e.Ticket!.DuplicateOf is string d ? new[] { e.EntityCode, d } : [e.EntityCode])
            .ToHashSet(StringComparer.Ordinal);
        var dossiersBefore = StateStore.LoadDossiers(_connection, _transaction, dossierCodes);
        var ticketsBefore = StateStore.LoadTickets(_connection, _transaction, ticketCodes);
        var dossiers = new Dictionary<string, DossierState>(dossiersBefore, StringComparer.Ordinal);
        var tickets = new Dictionary<string, TicketState>(ticketsBefore, StringComparer.Ordinal);
        var changedDossiers = new HashSet<string>(StringComparer.Ordinal);
        var changedTickets = new List<string>();
        // After a refused event, an entity's later events would be judged against a state that is
        // not what the source believes it is: name them instead of guessing.
        var refused = new HashSet<string>(StringComparer.Ordinal);

        foreach (var e in fresh)
        {
            if (refused.Contains((e.Dossier is null ? "t:" : "d:") + e.EntityCode))
            {
                errors.Add(new IngestError(e.Index + indexOffset, e.Wire.Id, "event.after-refused", $"An earlier event of {e.EntityCode} in this batch was refused, so this one cannot be judged."));
                continue;
            }
            if (e.Dossier is DossierEvent de)
            {
                var t = DossierLifecycle.Apply(dossiers.GetValueOrDefault(de.DossierCode), de, _catalog, _calendar);
                if (!t.Succeeded)
                {
                    errors.Add(new IngestError(e.Index + indexOffset, e.Wire.Id, t.ErrorCode!, t.Error!));
                    refused.Add("d:" + de.DossierCode);
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
                    errors.Add(new IngestError(e.Index + indexOffset, e.Wire.Id, t.ErrorCode!, t.Error!));
                    refused.Add("t:" + te.TicketCode);
                    continue;
                }
                tickets[te.TicketCode] = t.State!;
                if (!changedTickets.Contains(te.TicketCode))
                {
                    changedTickets.Add(te.TicketCode);
                }
            }
        }
        if (errors.Count > 0 || validateOnly)
        {
            Failed = true;
            return errors;
        }

        WriteEvents(fresh);
        StateStore.SaveDossiers(_connection, _transaction, changedDossiers.Select(c => dossiers[c]));
        StateStore.SaveTickets(_connection, _transaction, changedTickets.Select(c => tickets[c]), _catalog);
        foreach (var code in changedDossiers)
        {
            var after = dossiers[code];
            _projector.Project(dossiersBefore.GetValueOrDefault(code), after);
            foreach (var unit in _catalog.Units.Scopes(after.UnitId))
            {
                Changes.Units.Add(unit);
            }
        }
        foreach (var code in changedTickets)
        {
            var before = ticketsBefore.GetValueOrDefault(code);
            var after = tickets[code];
            _projector.Project(before, after);
            foreach (var unit in _projector.TicketScopes(after).Concat(before is null ? [] : _projector.TicketScopes(before)))
            {
                Changes.Units.Add(unit);
            }
            Changes.Tickets.Add(new TicketChange(0, ChangeKind(before, after), code, after.Status.ToString(), after.UnitId, after.CategoryId, after.LastEventAt));
        }
        _projector.WriteTo(_connection, _transaction);
        Changes.Accepted += fresh.Count;
        return errors;
    }

    public void Commit()
    {
        if (Failed)
        {
            throw new InvalidOperationException("A session with errors cannot be committed.");
        }
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

    private static TicketChangeKind ChangeKind(TicketState? before, TicketState after) =>
        before is null ? TicketChangeKind.Created
        : before.UnitId != after.UnitId ? TicketChangeKind.Assigned
        : before.Status != after.Status ? TicketChangeKind.StatusChanged
        : TicketChangeKind.Updated;

    private void WriteEvents(List<ParsedEvent> events)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = _transaction;
        cmd.CommandText = "INSERT INTO Events (EventId, Source, Type, EntityCode, OccurredAt, AcceptedAt, Payload) VALUES (@id, @source, @type, @entity, @at, @accepted, @payload)";
        var id = cmd.Parameters.Add("@id", SqliteType.Text);
        var source = cmd.Parameters.Add("@source", SqliteType.Text);
        var type = cmd.Parameters.Add("@type", SqliteType.Text);
        var entity = cmd.Parameters.Add("@entity", SqliteType.Text);
        var at = cmd.Parameters.Add("@at", SqliteType.Integer);
        var accepted = cmd.Parameters.Add("@accepted", SqliteType.Integer);
        var payload = cmd.Parameters.Add("@payload", SqliteType.Text);
        cmd.Prepare();
        source.Value = _source;
        accepted.Value = _clock.UtcNow.ToUnixTimeMilliseconds();
        foreach (var e in events)
        {
            id.Value = e.Wire.Id;
            type.Value = e.Wire.Type;
            entity.Value = e.EntityCode;
            at.Value = e.OccurredAt.ToUnixTimeMilliseconds();
            payload.Value = JsonSerializer.Serialize(e.Wire, IngestJsonContext.Default.IngestEvent);
            cmd.ExecuteNonQuery();
        }
    }
}
